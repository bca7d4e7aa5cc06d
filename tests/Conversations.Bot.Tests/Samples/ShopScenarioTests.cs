using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Effects;
using Conversations.Bot.Engine;
using Conversations.Bot.Samples;
using Conversations.Bot.Scenarios;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Samples;

public sealed class ShopScenarioTests
{
    private const string FoundOrder = """{ "order": { "number": "A-1001", "status": "Передан курьеру", "courier": "Иван, +7 900 000-00-00" } }""";

    [Fact]
    public void The_shipped_shop_scenario_passes_the_validator()
    {
        var result = ScenarioParser.Parse(SampleScenarios.ShopJson(), "1");

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(SampleScenarios.ShopVersion, SampleScenarios.Shop().Version);
    }

    [Fact]
    public async Task Start_greets_by_name_and_shows_the_main_menu()
    {
        var bot = new BotHarness(SampleScenarios.Shop());

        var result = await bot.StartAsync();

        Assert.StartsWith("Здравствуйте, Анна! 👋", result.Texts().First(), StringComparison.Ordinal);
        Assert.Equal(["🛍 Каталог", "📦 Статус заказа", "🚚 Доставка", "⭐ Оценить нас", "🎲 Викторина", "👤 Оператор"], result.Buttons().Select(b => b.Label));
    }

    [Fact]
    public async Task The_catalog_drills_down_to_an_item_with_an_image_and_a_link_and_back()
    {
        var bot = new BotHarness(SampleScenarios.Shop());
        await bot.StartAsync();

        var catalog = await bot.PressAsync("catalog");
        var clothes = await bot.PressAsync(catalog.Buttons()[0].Payload!);
        var jackets = await bot.TextAsync("куртки");
        var backToSection = await bot.PressAsync(jackets.Buttons()[1].Payload!);
        var backToCatalog = await bot.TextAsync("назад");
        var backToMain = await bot.TextAsync("⬅ Назад");

        Assert.Equal("Выберите раздел каталога:", catalog.LastText().Text);
        Assert.Equal(["Куртки", "Кроссовки", "⬅ Назад"], clothes.Buttons().Select(b => b.Label));
        var item = Assert.IsType<ImageContent>(Assert.Single(jackets.Messages));
        Assert.Equal("https://shop.example/img/catalog/jackets.jpg", item.Url);
        Assert.Equal(new Button("Смотреть на сайте", Url: "https://shop.example/catalog/jackets"), item.Buttons![0]);
        Assert.Equal("Одежда и обувь:", backToSection.LastText().Text);
        Assert.Equal("Выберите раздел каталога:", backToCatalog.LastText().Text);
        Assert.Equal("Чем могу помочь? / How can I help?", backToMain.LastText().Text);
    }

    [Fact]
    public async Task Order_status_asks_consent_then_a_phone_then_shows_what_the_crm_says()
    {
        var crm = FakeCrm.Answering(200, FoundOrder);
        var bot = new BotHarness(SampleScenarios.Shop(), crm);
        await bot.StartAsync();

        var consent = await bot.PressAsync("order-status");
        var phone = await bot.PressAsync(consent.Buttons()[0].Payload!);
        var retry = await bot.TextAsync("не помню");
        var status = await bot.TextAsync("8 999 123-45-67");

        Assert.StartsWith("Чтобы найти заказ", consent.LastText().Text, StringComparison.Ordinal);
        var recorded = Assert.IsType<ConsentRecorded>(Assert.Single(phone.Effects)).Consent;
        Assert.Equal(("personal-data", true, "2024-06"), (recorded.Purpose, recorded.Granted, recorded.TextVersion));
        Assert.Equal(consent.LastText().Text, recorded.Text);
        Assert.StartsWith("Напишите номер телефона", phone.LastText().Text, StringComparison.Ordinal);
        Assert.Equal(["Не похоже на номер телефона. Пример: +7 999 123-45-67"], retry.Texts());
        Assert.Equal("https://crm.test/demo/crm/orders?phone=%2B79991234567", Assert.Single(crm.Requests).Url.AbsoluteUri);
        Assert.Equal(new ContactCollected(ContactKind.Phone, "+79991234567"), Assert.Single(status.Effects));
        Assert.Equal("Заказ № A-1001: Передан курьеру.\nКурьер: Иван, +7 900 000-00-00.", status.LastText().Text);
        Assert.Equal(["🏠 Главное меню", "👤 Оператор"], status.Buttons().Select(b => b.Label));
    }

    [Fact]
    public async Task Order_status_says_when_the_crm_knows_no_order_for_the_phone()
    {
        var bot = new BotHarness(SampleScenarios.Shop(), FakeCrm.Answering(200, "{}"));
        await bot.StartAsync();
        await bot.PressAsync("order-status");
        await bot.TextAsync("да");

        var result = await bot.TextAsync("+7 999 123-45-67");

        Assert.StartsWith("Не нашёл заказов на номер +79991234567.", result.LastText().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_status_falls_back_and_offers_an_operator_when_the_crm_times_out()
    {
        var bot = new BotHarness(SampleScenarios.Shop(), FakeCrm.Hanging());
        await bot.StartAsync();
        await bot.PressAsync("order-status");
        await bot.TextAsync("да");

        var pending = bot.TextAsync("+7 999 123-45-67");
        bot.Time.Advance(TimeSpan.FromSeconds(5));
        var fallback = await pending;
        var handoff = await bot.TextAsync("1");

        Assert.StartsWith("Не удалось получить статус заказа", fallback.LastText().Text, StringComparison.Ordinal);
        Assert.Contains(fallback.Effects, e => e is ScenarioErrorOccurred { Kind: ScenarioErrorKind.HttpCallFailed, StepId: "order_lookup" });
        Assert.Equal(["Передаю ваш вопрос оператору — он проверит заказ вручную."], handoff.Texts());
        Assert.Equal(new HandoffRequested("order status: the CRM did not answer (phone +79991234567)"), Assert.Single(handoff.Effects));
    }

    [Fact]
    public async Task Declining_consent_points_to_the_account_without_asking_for_a_phone()
    {
        var bot = new BotHarness(SampleScenarios.Shop());
        await bot.StartAsync();
        await bot.PressAsync("order-status");

        var result = await bot.TextAsync("Нет");

        Assert.False(Assert.IsType<ConsentRecorded>(Assert.Single(result.Effects)).Consent.Granted);
        Assert.StartsWith("Без согласия", result.LastText().Text, StringComparison.Ordinal);
        Assert.Null(bot.Session!.CurrentStepId);
    }

    [Fact]
    public async Task A_low_survey_score_asks_what_went_wrong_and_hands_over()
    {
        var bot = new BotHarness(SampleScenarios.Shop());
        await bot.StartAsync("survey");

        var whatWentWrong = await bot.PressAsync("survey#3");
        var handoff = await bot.TextAsync("Курьер опоздал на два часа");

        Assert.Equal(new SurveyScoreRecorded("survey", 3, 1, 10), Assert.Single(whatWentWrong.Effects));
        Assert.StartsWith("Жаль, что мы вас расстроили", whatWentWrong.LastText().Text, StringComparison.Ordinal);
        Assert.Equal(new HandoffRequested("survey: low score 3"), Assert.Single(handoff.Effects));
        Assert.Equal("Курьер опоздал на два часа", bot.Session!.Variables["survey.feedback"]);
    }

    [Fact]
    public async Task A_high_survey_score_is_thanked()
    {
        var bot = new BotHarness(SampleScenarios.Shop());
        await bot.StartAsync();
        await bot.PressAsync("survey");

        var result = await bot.TextAsync("10");

        Assert.StartsWith("Спасибо за высокую оценку!", Assert.Single(result.Texts()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quiz_gives_the_promo_code_for_three_right_answers_and_returns_to_the_menu()
    {
        var bot = new BotHarness(SampleScenarios.Shop());
        await bot.StartAsync("quiz");

        await bot.TextAsync("14");
        await bot.TextAsync("2");
        var result = await bot.TextAsync("5%");

        Assert.Contains("Отлично: 3 из 3! Ваш промокод на скидку 5%: QUIZ5", result.Texts());
        Assert.Equal(new QuizCompleted("quiz", 3, 3), Assert.Single(result.Effects));
        Assert.Equal("main", bot.Session!.CurrentStepId);
    }

    [Fact]
    public async Task The_operator_option_hands_the_conversation_over()
    {
        var bot = new BotHarness(SampleScenarios.Shop());
        await bot.StartAsync();

        var result = await bot.PressAsync("operator");

        Assert.Equal(new HandoffRequested("the customer chose \"Operator\" in the menu"), Assert.Single(result.Effects));
    }

    [Fact]
    public async Task On_whatsapp_the_six_option_main_menu_is_numbered_and_a_number_picks_delivery()
    {
        var bot = new BotHarness(SampleScenarios.Shop(), channel: TestChannels.WhatsApp);

        var menu = await bot.StartAsync();
        var delivery = await bot.SendAsync(new TextInput("3"));

        Assert.Contains("\n3. 🚚 Доставка\n", menu.LastText().Text, StringComparison.Ordinal);
        Assert.EndsWith("Ответьте цифрой. / Reply with a number.", menu.LastText().Text, StringComparison.Ordinal);
        Assert.Collection(delivery.Messages,
            m => Assert.StartsWith("🚚 Доставка: по Москве", m.ToPlainText(), StringComparison.Ordinal),
            m => Assert.Equal(new LinkContent("https://shop.example/delivery", "Подробнее на сайте"), m));
    }
}
