using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Effects;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

public sealed class MenuAndMessageTests
{
    private static readonly string Json = """
        { "start": "hello", "steps": [
          { "id": "hello", "kind": "message", "text": "Здравствуйте, {customer.name}!", "next": "main" },
          { "id": "main", "kind": "menu", "text": "Чем помочь?", "options": [
              { "label": "🚚 Delivery", "payload": "delivery", "next": "delivery" },
              { "label": "Returns", "next": "returns" },
              { "label": "Payment", "next": "payment" },
              { "label": "Contacts", "next": "contacts" } ] },
          { "id": "delivery", "kind": "message", "text": "1–2 дня", "image": "https://shop.test/truck.png",
            "buttons": [ { "label": "Подробнее", "url": "https://shop.test/delivery?from={customer.name}" }, { "label": "В меню", "next": "main" } ] },
          { "id": "returns", "kind": "end", "text": "14 дней" },
          { "id": "payment", "kind": "end", "text": "Картой" },
          { "id": "contacts", "kind": "end", "text": "8 800" } ] }
        """;

    [Fact]
    public async Task A_message_runs_on_to_the_menu_which_waits_with_payload_buttons_on_telegram()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));

        var result = await bot.StartAsync();

        Assert.Equal(["Здравствуйте, Анна!", "Чем помочь?"], result.Texts());
        Assert.Equal(
            [new Button("🚚 Delivery", "delivery"), new Button("Returns", "main#2"), new Button("Payment", "main#3"), new Button("Contacts", "main#4")],
            result.Buttons());
        Assert.Equal("main", bot.Session!.CurrentStepId);
    }

    [Fact]
    public async Task Pressing_an_option_moves_to_its_step_and_a_message_shows_image_caption_and_buttons()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();

        var result = await bot.PressAsync("delivery");

        var image = Assert.IsType<ImageContent>(Assert.Single(result.Messages));
        Assert.Equal("https://shop.test/truck.png", image.Url);
        Assert.Equal("1–2 дня", image.Caption);
        Assert.Equal([new Button("Подробнее", Url: "https://shop.test/delivery?from=%D0%90%D0%BD%D0%BD%D0%B0"), new Button("В меню", "delivery#2")], image.Buttons);
        Assert.Null(bot.Session!.CurrentStepId);
    }

    [Theory]
    [InlineData("returns", "14 дней")]
    [InlineData("  PAYMENT! ", "Картой")]
    [InlineData("delivery", "1–2 дня")]
    [InlineData("3", "Картой")]
    public async Task Typing_a_label_in_any_case_or_an_option_number_chooses_it(string typed, string expected)
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();

        var result = await bot.TextAsync(typed);

        Assert.Equal(expected, result.Texts().First());
    }

    [Fact]
    public async Task Without_buttons_the_options_become_numbered_lines_and_a_number_chooses()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json), channel: TestChannels.TextOnly);

        var menu = await bot.StartAsync();
        var chosen = await bot.TextAsync("2");

        var text = menu.LastText();
        Assert.Null(text.Buttons);
        Assert.Equal("Чем помочь?\n\n1. 🚚 Delivery\n2. Returns\n3. Payment\n4. Contacts\n\nОтветьте номером варианта. / Reply with the option number.", text.Text);
        Assert.Equal(["14 дней"], chosen.Texts());
    }

    [Fact]
    public async Task More_options_than_the_channel_has_buttons_fall_back_to_numbered_lines()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json), channel: TestChannels.WhatsApp);

        var menu = await bot.StartAsync();

        Assert.Null(menu.LastText().Buttons);
        Assert.Contains("4. Contacts", menu.LastText().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_link_buttons_links_are_sent_as_link_messages_and_choices_as_lines()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json), channel: TestChannels.WhatsApp);
        await bot.StartAsync();

        var result = await bot.TextAsync("1");

        Assert.Collection(result.Messages,
            m => Assert.Equal(new ImageContent("https://shop.test/truck.png", null, "1–2 дня\n\n• В меню", null), m),
            m => Assert.Equal(new LinkContent("https://shop.test/delivery?from=%D0%90%D0%BD%D0%BD%D0%B0", "Подробнее"), m));
    }

    [Fact]
    public async Task A_choice_button_of_an_earlier_message_still_works_later()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        await bot.PressAsync("delivery");
        await bot.TextAsync("unrelated question");

        var result = await bot.PressAsync("delivery#2");

        Assert.Equal(["Чем помочь?"], result.Texts());
        Assert.Equal("main", bot.Session!.CurrentStepId);
    }

    [Fact]
    public async Task Free_text_the_menu_does_not_expect_is_handed_to_the_caller_without_a_reply()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();

        var result = await bot.TextAsync("Сколько стоит доставка в Казань?");

        Assert.Empty(result.Messages);
        Assert.Equal(new UnhandledFreeText("Сколько стоит доставка в Казань?"), Assert.Single(result.Effects));
        Assert.Equal("main", bot.Session!.CurrentStepId);
    }

    [Fact]
    public async Task Long_labels_are_cut_to_the_channels_limit()
    {
        var bot = new BotHarness(TestScenarios.Parse("""
            { "start": "m", "steps": [ { "id": "m", "kind": "menu", "text": "?", "options": [
              { "label": "Очень длинная подпись кнопки, которая не влезет", "next": "e" } ] }, { "id": "e", "kind": "end" } ] }
            """), channel: TestChannels.TextOnly with { MaxButtons = 5, MaxButtonLabelLength = 10 });

        var result = await bot.StartAsync();

        Assert.Equal("Очень дли…", result.Buttons()[0].Label);
    }
}
