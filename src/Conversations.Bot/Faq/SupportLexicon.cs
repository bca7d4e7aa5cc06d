namespace Conversations.Bot.Faq;

/// <summary>
/// The built-in vocabulary of customer service in Russian and English that the FAQ matcher knows without being told:
/// groups of words and phrases that mean the same thing to a support desk (price / cost / how much; change / switch;
/// money on the account / balance; colloquial words such as "инет", "бабки"), and generic words that say little about
/// which entry is meant ("хочу", "подскажите", "need", "please").
/// </summary>
/// <remarks>
/// Each group is one line of comma-separated members; a member of several words is a phrase (its words in order,
/// stop words included). Members are compared by stem, so one word form is enough. A tenant adds its own groups and
/// stop-phrases through <see cref="FaqTuning"/>; a tenant's group wins over a built-in one for the same word.
/// </remarks>
public static class SupportLexicon
{
    /// <summary>Groups of synonyms, Russian and English. A group marked <c>*</c> is a facet (price, time, change, free):
    /// it says what is asked about a subject, not the subject, so it weighs half (see <see cref="FaqMatcher"/>).</summary>
    public static IReadOnlyList<string> Synonyms { get; } =
    [
        // Prices and money.
        "*цена, стоимость, стоить, почем, прайс, расценки, сколько стоит, сколько стоят, сколько платить, за сколько",
        "*price, cost, costs, charge, fee, pricing, how much, how much is, how much does",
        "деньги, денег, бабки, средства, денежки, деньжата",
        "баланс, остаток, сколько денег, сколько у меня денег, деньги на счете, денег на счету, остаток на счете",
        "*бесплатно, бесплатный, даром, без оплаты, платно, платный, надо платить, нужно платить",
        "*free, for free, free of charge, no charge, paid",
        "оплатить, оплата, заплатить, платить, оплачивать, положить деньги, внести деньги, пополнить, пополнение, внести оплату, закинуть деньги, пополнить счет, положить деньги на счет, внести деньги на счет, закинуть деньги на счет",
        "pay, payment, paying, paid for, checkout",
        "скидка, акция, промокод, купон, скидочный",
        "discount, promo, promo code, coupon, voucher code, discount code, deal, deals",
        "рассрочка, кредит, частями, по частям, долями",
        "instalment, instalments, installment, installments, pay monthly, pay later, split the payment, pay in 3, klarna",
        "автоплатеж, автооплата, автоматическая оплата, автосписание, автопополнение",
        "долг, в долг, отсрочка, отсрочка платежа, доверительный платеж, обещанный платеж",
        "чек, квитанция, документы, закрывающие документы, акт, акты, счет-фактура",
        "invoice, receipt, vat receipt, vat invoice",
        "карта, карточка, банковская карта",
        "card, credit card, debit card, bank card",

        // Account and contract.
        "личный кабинет, кабинет, лк, аккаунт, учетная запись, профиль",
        "account, profile",
        "договор, контракт, соглашение",
        "лицевой счет, номер договора, номер лицевого счета",
        "расторгнуть, расторжение, разорвать, отказаться, отказ, отключиться насовсем, отключить навсегда, отключиться навсегда",
        "пароль, пасворд",
        "password, passcode",
        "войти, вход, зайти, залогиниться, авторизоваться",
        "sign in, log in, login, signin, logon",
        "register, registration, sign up, signup, create account, create an account",
        "delete, remove, erase, deactivate",
        "unsubscribe, opt out, stop emails, stop sending",

        // Change, move, cancel.
        "*сменить, поменять, изменить, смена, замена, перейти, переход, переключиться, переключить",
        "*change, switch, update, amend, modify, edit",
        "переезд, переехать, переезжать, перенос, перенести, перевезти",
        "cancel, cancellation, cancelled, stop my order",
        "приостановить, приостановка, заморозить, заморозка, блокировка, заблокировать, пауза",
        "переоформить, переоформление, переписать",

        // Connection and service.
        "интернет, инет, интернета, сеть",
        "подключить, подключение, подключиться, провести, провести интернет, проведение, подключите",
        "тариф, тарифный план, тарифный",
        "не работает, пропал, отвалился, сломался, нет связи, не грузит, нет интернета",
        "медленно, медленный, тормозит, низкая скорость, скорость упала, плохая скорость",
        "авария, поломка на линии, технические работы, плановые работы, профилактика",
        "роутер, маршрутизатор, модем",
        "wi-fi, wi fi, wifi, вайфай, вай-фай, вай фай",
        "ip, айпи, ip-адрес",
        "статический, белый, фиксированный, постоянный",
        "телевидение, тв, телевизор, телевизоре, tv, smart tv, смарт тв, смарт-тв",
        "канал, каналы, телеканал, телеканалы",
        "мастер, монтажник, техник, специалист",

        // Delivery, returns, orders.
        "*срок, сроки, сколько дней, как быстро, как долго, когда, через сколько, сколько ждать, за сколько дней",
        "*how long, time, times, how many days, how fast, how quickly, how soon, when, till, until",
        "доставка, доставить, привезти, привезут, курьер, отправка",
        "delivery, deliver, delivered, shipping, ship, shipped, postage, dispatch",
        "abroad, international, overseas, worldwide, another country, other countries",
        "посылка, заказ, отправление",
        "parcel, package, order, stuff, purchase",
        "отследить, трек, трек-номер, отслеживание, где заказ",
        "track, tracking, tracking number, order status",
        "вернуть, возврат, сдать обратно, отказаться от товара",
        "return, returns, returning, send back, sending back, send it back",
        "refund, money back, reimburse, reimbursement",
        "обменять, обмен, поменять товар",
        "exchange, swap, replace, replacement",
        "гарантия, гарантийный",
        "warranty, guarantee",
        "ремонт, починить, отремонтировать, сервис",
        "repair, fix, broken, faulty, repaired",
        "нет в наличии, закончился, наличие",
        "out of stock, sold out, back in stock, restock, available again",

        // Schedule, address, contact.
        "график, график работы, режим работы, часы работы, время работы, расписание, до скольки, во сколько открывается, открыто",
        "opening hours, opening times, business hours, open, opening",
        "адрес, где находится, где вы находитесь, местоположение, как добраться, куда приехать",
        "address, location, located, where is your, visit your, physical",
        "store, shop, showroom",
        "телефон, номер телефона, позвонить, звонить, дозвониться, горячая линия",
        "phone, phone number, telephone, call, ring",
        "поддержка, техподдержка, тех поддержка, служба поддержки",
        "customer service, support, customer support, helpdesk",
        "юрлицо, юридическое лицо, организация, компания, ооо, ип",
        "друг, друзья, друга, приведи друга, реферальная, рефералка, приглашение",
        "gift card, gift voucher, giftcard, gift cards",
        "student, students, unidays",
        "trade in, trade-in, part exchange, sell my old",
        "collect, pick up, pickup, click and collect",
    ];

    /// <summary>Words that appear in questions about anything ("хочу", "подскажите", "please"): they count for little
    /// when deciding which entry a question is about.</summary>
    public static IReadOnlyList<string> GenericWords { get; } =
    [
        "вопрос", "подсказать", "подскажите", "сказать", "скажите", "нужно", "нужен", "нужна", "надо", "хочу", "хотел",
        "хотела", "хотеть", "можно", "сделать", "делать", "узнать", "помочь", "помогите", "пожалуйста", "здравствуйте",
        "добрый", "день", "спасибо", "есть", "могу", "мочь", "какие", "какой", "почему", "ваш", "вас", "мне", "свой",
        "please", "help", "need", "want", "know", "question", "get", "hi", "hello", "thanks", "tell", "like", "would",
        "any", "my", "your", "me", "you", "i", "проверить", "посмотреть", "найти", "check", "find", "see", "look", "show",
        "показать", "возможно", "ли", "there", "do", "does",
    ];
}
