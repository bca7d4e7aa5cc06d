using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Conversations;
using Conversations.Bot.Effects;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

public sealed class RatingStepTests
{
    private static string Json(bool handoffOnLow) => $$"""
        { "start": "rate", "steps": [
          { "id": "rate", "kind": "rating", "text": "Оцените нас от 1 до 10", "threshold": 8, "variable": "survey.score",
            "handoffOnLow": {{(handoffOnLow ? "true" : "false")}}, "onHigh": "thanks", "onLow": "what_wrong" },
          { "id": "thanks", "kind": "end", "text": "Спасибо за {survey.score}!" },
          { "id": "what_wrong", "kind": "input", "text": "Что пошло не так?", "variable": "survey.feedback", "next": "bye" },
          { "id": "bye", "kind": "end" } ] }
        """;

    [Fact]
    public async Task The_question_has_one_button_per_score()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json(false)));

        var result = await bot.StartAsync();

        Assert.Equal(Enumerable.Range(1, 10).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), result.Buttons().Select(b => b.Label));
        Assert.Equal("rate#10", result.Buttons()[^1].Payload);
    }

    [Fact]
    public async Task Asking_for_a_score_is_recorded_as_a_survey_offered_for_the_response_rate()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json(false)));

        var result = await bot.StartAsync();

        Assert.Equal(new SurveyOffered("rate"), Assert.Single(result.Effects));
    }

    [Fact]
    public async Task A_high_score_is_recorded_and_thanked()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json(false)));
        await bot.StartAsync();

        var result = await bot.PressAsync("rate#9");

        Assert.Equal(new SurveyScoreRecorded("rate", 9, 1, 10), Assert.Single(result.Effects));
        Assert.Equal(["Спасибо за 9!"], result.Texts());
    }

    [Fact]
    public async Task A_score_at_the_threshold_counts_as_high()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json(false)));
        await bot.StartAsync();

        var result = await bot.TextAsync("8");

        Assert.Equal(["Спасибо за 8!"], result.Texts());
    }

    [Fact]
    public async Task A_typed_low_score_asks_what_went_wrong()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json(false)));
        await bot.StartAsync();

        var result = await bot.TextAsync("ну на 3 из 10");

        Assert.Equal(new SurveyScoreRecorded("rate", 3, 1, 10), Assert.Single(result.Effects));
        Assert.Equal(["Что пошло не так?"], result.Texts());
    }

    [Fact]
    public async Task A_low_score_requests_a_handoff_when_the_step_says_so()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json(true)));
        await bot.StartAsync();

        var result = await bot.PressAsync("rate#2");

        Assert.Contains(new HandoffRequested("low survey score: 2 of 10", HandoffCause.LowRating), result.Effects);
        Assert.Equal(["Что пошло не так?"], result.Texts());
    }

    [Fact]
    public async Task A_number_out_of_range_gets_the_hint_and_the_question_stays()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json(false)));
        await bot.StartAsync();

        var result = await bot.TextAsync("15");

        Assert.Equal(["Напишите число от 1 до 10. / Reply with a number from 1 to 10."], result.Texts());
        Assert.Empty(result.Effects);
        Assert.Equal("rate", bot.Session!.CurrentStepId);
    }

    [Fact]
    public async Task On_a_channel_with_three_buttons_the_scale_is_asked_as_text()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json(false)), channel: TestChannels.WhatsApp);

        var result = await bot.StartAsync();

        Assert.Null(result.LastText().Buttons);
        Assert.Equal("Оцените нас от 1 до 10\n\nНапишите число от 1 до 10. / Reply with a number from 1 to 10.", result.LastText().Text);
    }
}
