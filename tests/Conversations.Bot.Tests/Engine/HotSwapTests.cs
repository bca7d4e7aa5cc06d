using Conversations.Abstractions.Bot;
using Conversations.Bot.Effects;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

public sealed class HotSwapTests
{
    private const string Version1 = """
        { "start": "main", "steps": [
          { "id": "main", "kind": "menu", "text": "Меню v1", "options": [ { "label": "Доставка", "next": "delivery" } ] },
          { "id": "delivery", "kind": "end", "text": "Доставка v1" } ] }
        """;

    [Fact]
    public async Task A_session_continues_at_its_step_when_the_new_version_still_has_it()
    {
        var bot = new BotHarness(TestScenarios.Parse(Version1, "1"));
        await bot.StartAsync();

        bot.Scenario = TestScenarios.Parse("""
            { "start": "main", "steps": [
              { "id": "main", "kind": "menu", "text": "Меню v2", "options": [ { "label": "Доставка", "next": "delivery" } ] },
              { "id": "delivery", "kind": "end", "text": "Доставка v2" } ] }
            """, "2");
        var result = await bot.TextAsync("доставка");

        Assert.Equal(["Доставка v2"], result.Texts());
        Assert.Empty(result.Effects);
        Assert.Equal("2", bot.Session!.ScenarioVersion);
    }

    [Fact]
    public async Task A_session_restarts_from_start_with_an_effect_when_its_step_is_gone()
    {
        var bot = new BotHarness(TestScenarios.Parse(Version1, "1"));
        await bot.StartAsync();

        bot.Scenario = TestScenarios.Parse("""
            { "start": "home", "steps": [
              { "id": "home", "kind": "menu", "text": "Новое меню", "options": [ { "label": "Каталог", "next": "catalog" } ] },
              { "id": "catalog", "kind": "end" } ] }
            """, "2");
        var result = await bot.TextAsync("доставка");

        Assert.Equal(["Новое меню"], result.Texts());
        Assert.Equal(new ScenarioRestarted("1", "main", "2"), Assert.Single(result.Effects));
        Assert.Equal("home", bot.Session!.CurrentStepId);
        Assert.Equal("2", bot.Session.ScenarioVersion);
    }

    [Fact]
    public async Task A_waiting_step_that_became_a_message_runs_on()
    {
        var bot = new BotHarness(TestScenarios.Parse(Version1, "1"));
        await bot.StartAsync();

        bot.Scenario = TestScenarios.Parse("""
            { "start": "main", "steps": [ { "id": "main", "kind": "message", "text": "Меню переехало на сайт" } ] }
            """, "2");
        var result = await bot.TextAsync("доставка");

        Assert.Equal(["Меню переехало на сайт"], result.Texts());
        Assert.Null(bot.Session!.CurrentStepId);
    }
}
