using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Effects;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

public sealed class ConsentStepTests
{
    private static readonly string Json = """
        { "start": "consent", "steps": [
          { "id": "consent", "kind": "consent", "version": "2024-06", "text": "{customer.name}, согласны на обработку персональных данных?",
            "onYes": "thanks", "onNo": "sorry" },
          { "id": "thanks", "kind": "end", "text": "Спасибо!" },
          { "id": "sorry", "kind": "end", "text": "Хорошо, без данных." } ] }
        """;

    [Fact]
    public async Task Consent_is_asked_with_yes_and_no_buttons()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));

        var result = await bot.StartAsync();

        Assert.Equal("Анна, согласны на обработку персональных данных?", result.LastText().Text);
        Assert.Equal([new Button("Да, согласен / Yes", "consent#yes"), new Button("Нет / No", "consent#no")], result.Buttons());
    }

    [Fact]
    public async Task A_yes_is_recorded_with_purpose_version_text_and_time_and_goes_on_yes()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        bot.Time.Advance(TimeSpan.FromMinutes(3));

        var result = await bot.PressAsync("consent#yes");

        var recorded = Assert.IsType<ConsentRecorded>(Assert.Single(result.Effects));
        Assert.Equal(new ConsentRecord("personal-data", true, "2024-06", "Анна, согласны на обработку персональных данных?",
            new DateTimeOffset(2025, 3, 14, 9, 33, 0, TimeSpan.Zero)), recorded.Consent);
        Assert.Equal(["Спасибо!"], result.Texts());
        Assert.Equal("2024-06", bot.Session!.Variables["consent.personal-data"]);
    }

    [Theory]
    [InlineData("нет")]
    [InlineData("Нет!")]
    [InlineData("2")]
    [InlineData("no")]
    public async Task A_typed_no_is_recorded_as_declined_and_goes_on_no(string typed)
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();

        var result = await bot.TextAsync(typed);

        Assert.False(Assert.IsType<ConsentRecorded>(Assert.Single(result.Effects)).Consent.Granted);
        Assert.Equal(["Хорошо, без данных."], result.Texts());
    }

    [Fact]
    public async Task Consent_already_granted_at_the_same_version_is_not_asked_again()
    {
        var granted = new ConsentRecord("personal-data", true, "2024-06", "…", DateTimeOffset.UnixEpoch);
        var bot = new BotHarness(TestScenarios.Parse(Json), context: Contexts.Customer(TestChannels.Telegram, consents: [granted]));

        var result = await bot.StartAsync();

        Assert.Equal(["Спасибо!"], result.Texts());
        Assert.Empty(result.Effects);
    }

    [Fact]
    public async Task Consent_granted_to_an_older_text_version_is_asked_again()
    {
        var old = new ConsentRecord("personal-data", true, "2023-01", "…", DateTimeOffset.UnixEpoch);
        var bot = new BotHarness(TestScenarios.Parse(Json), context: Contexts.Customer(TestChannels.Telegram, consents: [old]));

        var result = await bot.StartAsync();

        Assert.Equal("consent", bot.Session!.CurrentStepId);
        Assert.Equal(2, result.Buttons().Count);
    }

    [Fact]
    public async Task A_question_instead_of_an_answer_is_handed_to_the_caller_and_nothing_is_recorded()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();

        var result = await bot.TextAsync("а зачем вам мои данные?");

        Assert.Equal(new UnhandledFreeText("а зачем вам мои данные?"), Assert.Single(result.Effects));
        Assert.Equal("consent", bot.Session!.CurrentStepId);
    }
}
