namespace Conversations.Abstractions.Tenants;

/// <summary>The customer-facing texts a tenant can change, by key, with their defaults.</summary>
public static class TenantTexts
{
    /// <summary>Said when the customer asked for a human and operators work now.</summary>
    public const string HandoffNotified = "handoff.notified";

    /// <summary>Said when the customer asked for a human outside working hours; {nextOpening} is filled in.</summary>
    public const string HandoffOutOfHours = "handoff.outOfHours";

    /// <summary>Said when an operator joins; {operator} is filled in.</summary>
    public const string LiveChatStarted = "liveChat.started";

    /// <summary>Said when an operator passes the chat to a group of colleagues (billing, returns...); {group} is filled in.</summary>
    public const string TransferredToGroup = "liveChat.transferredToGroup";

    /// <summary>Said when live chat ends and the bot is back.</summary>
    public const string LiveChatReleased = "liveChat.released";

    /// <summary>Sent when the operator reminds a silent customer.</summary>
    public const string IdleReminder = "idle.reminder";

    /// <summary>Said when the conversation closes after the customer stayed silent.</summary>
    public const string IdleClosed = "idle.closed";

    /// <summary>Said when an operator closes the conversation.</summary>
    public const string Closed = "conversation.closed";

    /// <summary>Confirms a callback request; {callbackAt} is filled in.</summary>
    public const string CallbackConfirmed = "callback.confirmed";

    /// <summary>Asks for a phone number for a callback.</summary>
    public const string CallbackNeedsPhone = "callback.needsPhone";

    /// <summary>Confirms a message left outside working hours.</summary>
    public const string MessageLeft = "handoff.messageLeft";

    /// <summary>Shown by the widget while it waits to resend a message the server refused as too many (429).</summary>
    public const string WidgetSlowDown = "widget.slowDown";

    /// <summary>The label of the button that opens a menu shown as a list (WhatsApp list messages: at most 20 characters).</summary>
    public const string MenuListButton = "menu.listButton";

    /// <summary>The label of the out-of-hours button that leaves a message for the operators.</summary>
    public const string LeaveMessageButton = "handoff.leaveMessageButton";

    /// <summary>The label of the out-of-hours button that asks for a call back.</summary>
    public const string CallbackButton = "handoff.callbackButton";

    /// <summary>Asks when to call back, above buttons with the next free hours.</summary>
    public const string CallbackAskWhen = "callback.askWhen";

    /// <summary>Said when the FAQ is not sure enough of an answer to give one.</summary>
    public const string FaqNotSure = "faq.notSure";

    /// <summary>The button under <see cref="FaqNotSure"/> that asks for an operator.</summary>
    public const string FaqOperatorButton = "faq.operatorButton";

    /// <summary>Asks "did you mean …?" above the close FAQ entries offered as choices.</summary>
    public const string FaqDidYouMean = "faq.didYouMean";

    /// <summary>The last choice under <see cref="FaqDidYouMean"/>: none of the entries fits (hands over).</summary>
    public const string FaqNoneOfThese = "faq.noneOfThese";

    /// <summary>The line under "did you mean …?" on channels without buttons, where the choices are numbered.</summary>
    public const string FaqChoiceHint = "faq.choiceHint";

    /// <summary>The greeting of a tenant without a scenario (on /start).</summary>
    public const string FallbackGreeting = "fallback.greeting";

    /// <summary>Said by a tenant without a scenario to content it cannot read; {kind} is filled in.</summary>
    public const string FallbackUnsupported = "fallback.unsupported";

    /// <summary>Said by a tenant without a scenario to every other message: it arrived.</summary>
    public const string FallbackReceived = "fallback.received";

    /// <summary>The widget's message box placeholder.</summary>
    public const string WidgetPlaceholder = "widget.placeholder";

    /// <summary>The widget's send button.</summary>
    public const string WidgetSend = "widget.send";

    /// <summary>Shown by the widget while it resends a message that did not get through.</summary>
    public const string WidgetRetrying = "widget.retrying";

    /// <summary>Shown by the widget while its live connection is being restored.</summary>
    public const string WidgetReconnecting = "widget.reconnecting";

    /// <summary>The widget launcher's label for screen readers (the button that opens the chat).</summary>
    public const string WidgetOpen = "widget.open";

    /// <summary>The widget's close button label for screen readers.</summary>
    public const string WidgetClose = "widget.close";

    /// <summary>The widget's message box label for screen readers.</summary>
    public const string WidgetMessageLabel = "widget.messageLabel";

    /// <summary>Shown by the widget while its session cannot be opened yet (messages written meanwhile wait for it).</summary>
    public const string WidgetConnecting = "widget.connecting";

    /// <summary>Shown by the widget when the server refused a message for good.</summary>
    public const string WidgetNotSent = "widget.notSent";

    /// <summary>The widget's button that attaches a file (its label for screen readers and its tooltip).</summary>
    public const string WidgetAttach = "widget.attach";

    /// <summary>Shown by the widget when a visitor's file is refused (too large, a type not accepted, storage full).</summary>
    public const string WidgetFileRefused = "widget.fileRefused";

    /// <summary>The widget's button that offers to continue the conversation in a messenger ("continue in messenger" links).</summary>
    public const string WidgetContinueIn = "widget.continueIn";

    /// <summary>Above the widget's list of messenger links: what opening one does.</summary>
    public const string WidgetContinueHint = "widget.continueHint";

    /// <summary>Shown by the widget under the messages while the operator is typing.</summary>
    public const string WidgetOperatorTyping = "widget.operatorTyping";

    /// <summary>Shown by the widget under the visitor's last message an operator has read.</summary>
    public const string WidgetRead = "widget.read";

    /// <summary>The message a WhatsApp "continue in messenger" link prefills for the customer to send; <c>{token}</c> must stay in it.</summary>
    public const string ContinueWhatsAppText = "continue.whatsAppText";

    /// <summary>The welcome message a Viber bot answers conversation_started with (the only message it may send before the customer writes).</summary>
    public const string ViberWelcome = "viber.welcome";

    /// <summary>The bot's answer to a greeting that comes without a question (when the scenario has not just greeted).</summary>
    public const string SmallTalkGreeting = "smallTalk.greeting";

    /// <summary>The bot's answer to thanks.</summary>
    public const string SmallTalkThanks = "smallTalk.thanks";

    /// <summary>The bot's answer to goodbye.</summary>
    public const string SmallTalkGoodbye = "smallTalk.goodbye";

    /// <summary>The bot's answer to a bare "yes" it was not waiting for.</summary>
    public const string SmallTalkYes = "smallTalk.yes";

    /// <summary>The bot's answer to a bare "no" it was not waiting for (also when the customer declines an offered operator).</summary>
    public const string SmallTalkNo = "smallTalk.no";

    /// <summary>Offered when the customer seems frustrated, before they ask for a human.</summary>
    public const string FrustrationOffer = "frustration.offer";

    /// <summary>The button under <see cref="FrustrationOffer"/> that accepts an operator.</summary>
    public const string FrustrationOfferButton = "frustration.offerButton";

    /// <summary>The bot's one answer to a mail (e-mail answers once, then hands over) while operators work.</summary>
    public const string EmailAcknowledgement = "email.acknowledgement";

    /// <summary>The bot's one answer to a mail outside working hours; {nextOpening} is filled in.</summary>
    public const string EmailAcknowledgementOutOfHours = "email.acknowledgementOutOfHours";

    /// <summary>Leads in the FAQ's answer under <see cref="EmailAcknowledgement"/>, when the FAQ is confident.</summary>
    public const string EmailFaqLeadIn = "email.faqLeadIn";

    /// <summary>
    /// Said once per conversation and channel before the bot's first automated reply, on the channels the tenant
    /// discloses automation on (<see cref="TenantSettings.AutomationDisclosure"/>; Messenger and Instagram by default).
    /// </summary>
    public const string AutomationDisclosure = "automation.disclosure";

    /// <summary>The label of the button under a marketing message that opts the customer out of its topic.</summary>
    public const string UnsubscribeButton = "unsubscribe.button";

    /// <summary>The line under a marketing message on a channel without buttons; {keyword} is filled in.</summary>
    public const string UnsubscribeHint = "unsubscribe.hint";

    /// <summary>Confirms an opt-out from one topic (the button under its message); {topic} is filled in.</summary>
    public const string UnsubscribeConfirmed = "unsubscribe.confirmed";

    /// <summary>Confirms an opt-out from every marketing topic (the unsubscribe keyword).</summary>
    public const string UnsubscribeConfirmedAll = "unsubscribe.confirmedAll";

    /// <summary>The languages every text has a default in (<see cref="TenantSettings.Language"/>).</summary>
    public static IReadOnlyList<string> Languages { get; } = ["ru", "en"];

    /// <summary>The texts the widget script shows itself; the session hands them over.</summary>
    public static IReadOnlyList<string> Widget { get; } = [WidgetSlowDown, WidgetPlaceholder, WidgetSend, WidgetRetrying, WidgetReconnecting, WidgetOpen, WidgetClose, WidgetMessageLabel, WidgetConnecting, WidgetNotSent, WidgetAttach, WidgetFileRefused, WidgetContinueIn, WidgetContinueHint, WidgetOperatorTyping, WidgetRead];

    /// <summary>Every key with its default text in Russian (also the defaults of a tenant that names no language).</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [LeaveMessageButton] = "Оставить сообщение",
        [CallbackButton] = "Перезвоните мне",
        [CallbackAskWhen] = "Когда вам перезвонить?",
        [FaqNotSure] = "Я не уверен, что правильно понял вопрос. Переформулируйте, пожалуйста, или позовите оператора.",
        [FaqOperatorButton] = "Позвать оператора",
        [FaqDidYouMean] = "Вы имели в виду что-то из этого?",
        [FaqNoneOfThese] = "Ничего из этого",
        [FaqChoiceHint] = "Ответьте цифрой.",
        [FallbackGreeting] = "Здравствуйте! Напишите ваш вопрос — мы ответим.",
        [FallbackUnsupported] = "Извините, я пока не умею читать сообщения типа «{kind}». Напишите, пожалуйста, текстом.",
        [FallbackReceived] = "Спасибо, мы получили ваше сообщение.",
        [WidgetPlaceholder] = "Напишите сообщение…",
        [WidgetSend] = "Отправить",
        [WidgetRetrying] = "Сообщение пока не отправлено, пробуем ещё раз…",
        [WidgetReconnecting] = "Восстанавливаем связь…",
        [WidgetOpen] = "Открыть чат",
        [WidgetClose] = "Закрыть чат",
        [WidgetMessageLabel] = "Сообщение",
        [WidgetConnecting] = "Подключаемся… Сообщения отправятся, как только связь появится.",
        [WidgetNotSent] = "Сообщение не отправлено.",
        [WidgetAttach] = "Прикрепить файл",
        [WidgetFileRefused] = "Этот файл не получится отправить: он слишком большой или такого типа мы не принимаем. Попробуйте фото (JPEG, PNG), PDF или документ поменьше.",
        [HandoffNotified] = "Мы передали ваш вопрос специалисту — он скоро подключится. Пока опишите, пожалуйста, проблему подробнее: все сообщения сохранятся.",
        [HandoffOutOfHours] = "Сейчас операторы не работают, они вернутся {nextOpening}. Оставьте сообщение — мы ответим, как только начнём работу, или попросите перезвонить в удобное время.",
        [LiveChatStarted] = "К чату подключился оператор {operator}.",
        [TransferredToGroup] = "Передаём ваш вопрос специалистам ({group}) — они скоро подключатся. Все сообщения сохранятся.",
        [LiveChatReleased] = "Оператор завершил чат. Если понадобится помощь — напишите, бот на связи.",
        [IdleReminder] = "Мы ждём вашего ответа — напишите, пожалуйста, удобно ли продолжить.",
        [IdleClosed] = "Мы закрыли этот чат, так как долго не получали ответа. Напишите в любой момент — мы поможем.",
        [Closed] = "Чат завершён. Спасибо за обращение!",
        [CallbackConfirmed] = "Хорошо, перезвоним вам {callbackAt}.",
        [CallbackNeedsPhone] = "Оставьте, пожалуйста, номер телефона для обратного звонка.",
        [MessageLeft] = "Спасибо, сообщение сохранено — операторы ответят в рабочее время.",
        [MenuListButton] = "Выбрать",
        [WidgetContinueIn] = "Продолжить в мессенджере",
        [WidgetContinueHint] = "Откройте ссылку — разговор продолжится там, с той же историей.",
        [WidgetOperatorTyping] = "Оператор печатает…",
        [WidgetRead] = "Прочитано",
        [ContinueWhatsAppText] = "Продолжить разговор (код {token})",
        [WidgetSlowDown] = "Слишком много сообщений подряд — отправим это через несколько секунд, ничего не потеряется.",
        [ViberWelcome] = "Здравствуйте! Напишите ваш вопрос — бот ответит сразу, а при необходимости подключится оператор.",
        [SmallTalkGreeting] = "Здравствуйте! Чем могу помочь?",
        [SmallTalkThanks] = "Пожалуйста! Если появятся ещё вопросы — пишите.",
        [SmallTalkGoodbye] = "Всего доброго! Будем рады помочь снова.",
        [SmallTalkYes] = "Хорошо. Напишите, пожалуйста, что именно вас интересует.",
        [SmallTalkNo] = "Хорошо. Если понадобится помощь — просто напишите вопрос.",
        [FrustrationOffer] = "Похоже, у меня не получается вам помочь. Позвать оператора? Он ответит сам.",
        [FrustrationOfferButton] = "Да, позовите оператора",
        [EmailAcknowledgement] = "Спасибо за письмо, мы его получили. Специалист ответит вам в этой переписке.",
        [EmailAcknowledgementOutOfHours] = "Спасибо за письмо, мы его получили. Сейчас операторы не работают, они вернутся {nextOpening} и ответят вам в этой переписке.",
        [EmailFaqLeadIn] = "Возможно, ответ уже есть в нашей справке:",
        [UnsubscribeButton] = "Отписаться",
        [UnsubscribeHint] = "Чтобы отписаться от рассылки, ответьте «{keyword}».",
        [UnsubscribeConfirmed] = "Вы отписались от рассылки «{topic}». Сообщения о ваших заказах и ответы на вопросы будут приходить как прежде.",
        [UnsubscribeConfirmedAll] = "Вы отписались от рекламных рассылок. Сообщения о ваших заказах и ответы на вопросы будут приходить как прежде.",
        [AutomationDisclosure] = "Вам отвечает бот — автоматический помощник. Чтобы написать человеку, отправьте «оператор».",
    };

    /// <summary>Every key with its default text in English.</summary>
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [HandoffNotified] = "We have passed your question to a specialist, who will join shortly. Meanwhile, please describe the problem in more detail: every message is kept.",
        [HandoffOutOfHours] = "Our operators are not working right now; they will be back {nextOpening}. Leave a message and we will answer as soon as we start, or ask us to call you back at a convenient time.",
        [LiveChatStarted] = "Operator {operator} has joined the chat.",
        [TransferredToGroup] = "We are passing your question to our specialists ({group}); they will join shortly. Every message is kept.",
        [LiveChatReleased] = "The operator has ended the chat. If you need help, just write: the bot is here.",
        [IdleReminder] = "We are waiting for your reply: please let us know whether you would like to continue.",
        [IdleClosed] = "We have closed this chat because we did not hear back from you. Write any time and we will help.",
        [Closed] = "The chat has ended. Thank you for contacting us!",
        [CallbackConfirmed] = "All right, we will call you back {callbackAt}.",
        [CallbackNeedsPhone] = "Please leave a phone number for us to call you back.",
        [MessageLeft] = "Thank you, your message is saved: the operators will answer during working hours.",
        [MenuListButton] = "Choose",
        [WidgetContinueIn] = "Continue in a messenger",
        [WidgetContinueHint] = "Open a link: the conversation continues there, with the same history.",
        [WidgetOperatorTyping] = "The operator is typing…",
        [WidgetRead] = "Read",
        [ContinueWhatsAppText] = "Continue my conversation (code {token})",
        [WidgetSlowDown] = "Too many messages in a row: we will send this one in a few seconds, nothing is lost.",
        [LeaveMessageButton] = "Leave a message",
        [CallbackButton] = "Call me back",
        [CallbackAskWhen] = "When should we call you back?",
        [FaqNotSure] = "I'm not sure I understood the question. Please rephrase it, or ask for an operator.",
        [FaqOperatorButton] = "Ask for an operator",
        [FaqDidYouMean] = "Did you mean one of these?",
        [FaqNoneOfThese] = "None of these",
        [FaqChoiceHint] = "Reply with a number.",
        [FallbackGreeting] = "Hello! Write your question and we will answer.",
        [FallbackUnsupported] = "Sorry, I cannot read {kind} messages yet; please write text.",
        [FallbackReceived] = "Thank you, we received your message.",
        [WidgetPlaceholder] = "Type a message…",
        [WidgetSend] = "Send",
        [WidgetRetrying] = "Not sent yet, trying again…",
        [WidgetReconnecting] = "Reconnecting…",
        [WidgetOpen] = "Open chat",
        [WidgetClose] = "Close chat",
        [WidgetMessageLabel] = "Message",
        [WidgetConnecting] = "Connecting… Your messages will be sent as soon as we are connected.",
        [WidgetNotSent] = "The message was not sent.",
        [WidgetAttach] = "Attach a file",
        [WidgetFileRefused] = "This file cannot be sent: it is too large or of a type we do not accept. Try a photo (JPEG, PNG), a PDF or a smaller document.",
        [ViberWelcome] = "Hello! Write your question: the bot answers right away, and an operator joins when needed.",
        [SmallTalkGreeting] = "Hello! How can I help?",
        [SmallTalkThanks] = "You're welcome! Write any time you have another question.",
        [SmallTalkGoodbye] = "Goodbye! We're glad to help again.",
        [SmallTalkYes] = "All right. Please write what exactly you would like to know.",
        [SmallTalkNo] = "All right. If you need help, just write your question.",
        [FrustrationOffer] = "It looks like I'm not helping. Shall I call an operator? A person will answer you.",
        [FrustrationOfferButton] = "Yes, call an operator",
        [EmailAcknowledgement] = "Thank you for your mail, we have received it. A specialist will answer you in this thread.",
        [EmailAcknowledgementOutOfHours] = "Thank you for your mail, we have received it. Our operators are not working right now; they will be back {nextOpening} and answer you in this thread.",
        [EmailFaqLeadIn] = "Our help pages may already answer it:",
        [UnsubscribeButton] = "Unsubscribe",
        [UnsubscribeHint] = "To unsubscribe, reply {keyword}.",
        [UnsubscribeConfirmed] = "You have unsubscribed from {topic}. Updates on your orders and answers to your questions will still reach you.",
        [UnsubscribeConfirmedAll] = "You have unsubscribed from our marketing messages. Updates on your orders and answers to your questions will still reach you.",
        [AutomationDisclosure] = "You are chatting with a bot, an automated assistant. To reach a person, send \"operator\".",
    };

    /// <summary>The defaults in <paramref name="language"/> ("ru" or "en"; anything else: Russian).</summary>
    public static IReadOnlyDictionary<string, string> DefaultsFor(string? language) => language == "en" ? English : Defaults;
}
