using Conversations.Bot.Effects;
using Conversations.Bot.Engine;
using Conversations.Bot.Scenarios;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

/// <summary>
/// Entry points by business event name (<c>"events": { "order_delivered": "survey" }</c>): an event starts its step
/// wherever the conversation was, its data reads as <c>{event.x}</c>, and the bindings are validated with the scenario.
/// </summary>
public sealed class EventEntryPointTests
{
    private static readonly string Json = """
        { "start": "menu",
          "events": { "order_delivered": "survey", "order_shipped": "shipped" },
          "steps": [
            { "id": "menu", "kind": "menu", "text": "Чем помочь?", "options": [ { "label": "Доставка", "next": "bye" } ] },
            { "id": "shipped", "kind": "end", "text": "Заказ {event.order} в пути, курьер {event.courier|уточняется}." },
            { "id": "survey", "kind": "rating", "text": "Оцените доставку заказа {event.order}", "min": 1, "max": 10, "threshold": 8,
              "onHigh": "thanks", "onLow": "sorry" },
            { "id": "thanks", "kind": "end", "text": "Спасибо!" },
            { "id": "sorry", "kind": "end", "text": "Нам жаль." },
            { "id": "bye", "kind": "end", "text": "Пока" } ] }
        """;

    [Fact]
    public async Task An_event_starts_its_step_with_the_events_data_in_the_text_and_the_answer_is_the_steps()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync(); // waiting at the menu

        var asked = await bot.SendAsync(new EventInput("order_delivered", new Dictionary<string, string> { ["order"] = "1042" }));
        var answered = await bot.TextAsync("9");

        Assert.StartsWith("Оцените доставку заказа 1042", asked.Texts().First(), StringComparison.Ordinal);
        Assert.Equal(["Спасибо!"], answered.Texts());
        Assert.Contains(answered.Effects, e => e is SurveyScoreRecorded { StepId: "survey", Score: 9 });
    }

    [Fact]
    public async Task A_missing_event_value_renders_its_default()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));

        var result = await bot.SendAsync(new EventInput("order_shipped", new Dictionary<string, string> { ["order"] = "7" }));

        Assert.Equal(["Заказ 7 в пути, курьер уточняется."], result.Texts());
    }

    [Fact]
    public void Entry_points_to_unknown_steps_and_bad_event_names_are_problems_and_an_entry_point_makes_its_steps_reachable()
    {
        var result = ScenarioParser.Parse("""
            { "start": "a", "events": { "ok": "b", "lost": "nowhere", "bad name!": "b", "empty": 5 },
              "steps": [ { "id": "a", "kind": "end", "text": "a" }, { "id": "b", "kind": "end", "text": "{event.x}" } ] }
            """, "1");

        var problems = result.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("events.lost: unknown step 'nowhere'", problems);
        Assert.Contains(problems, p => p.StartsWith("events.bad name!: 'bad name!' is not a valid event name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("events.empty:", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.StartsWith("steps[1]", StringComparison.Ordinal)); // reachable from "ok", reads event.x
        Assert.Equal(new Dictionary<string, string> { ["order_delivered"] = "survey", ["order_shipped"] = "shipped" },
            TestScenarios.Parse(Json).EventEntryPoints);
    }
}
