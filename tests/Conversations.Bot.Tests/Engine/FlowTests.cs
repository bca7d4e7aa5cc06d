using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Effects;
using Conversations.Bot.Engine;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

public sealed class FlowTests
{
    private static readonly string Json = """
        { "start": "entry", "steps": [
          { "id": "entry", "kind": "condition", "branches": [
              { "when": [ { "variable": "start.payload", "operator": "equals", "value": "promo" } ], "next": "promo" } ],
            "else": "hello" },
          { "id": "hello", "kind": "message", "text": "Привет!", "next": "to_menu" },
          { "id": "to_menu", "kind": "goto", "target": "main" },
          { "id": "main", "kind": "menu", "text": "Меню", "options": [
              { "label": "Доставка", "next": "delivery" }, { "label": "Пока", "next": "bye" } ] },
          { "id": "delivery", "kind": "message", "text": "1–2 дня", "next": "main" },
          { "id": "promo", "kind": "end", "text": "Промокод: {start.payload}" },
          { "id": "bye", "kind": "end", "text": "До свидания!" } ] }
        """;

    [Fact]
    public async Task Goto_continues_at_its_target_and_end_finishes_the_scenario()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));

        var start = await bot.StartAsync();
        var end = await bot.TextAsync("пока");

        Assert.Equal(["Привет!", "Меню"], start.Texts());
        Assert.Equal(["До свидания!"], end.Texts());
        Assert.Null(bot.Session!.CurrentStepId);
    }

    [Fact]
    public async Task After_the_end_free_text_is_handed_to_the_caller_and_a_known_label_still_works()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        await bot.TextAsync("пока");

        var question = await bot.TextAsync("а где мой заказ?");
        var label = await bot.TextAsync("Доставка");

        Assert.Empty(question.Messages);
        Assert.Equal(new UnhandledFreeText("а где мой заказ?"), Assert.Single(question.Effects));
        Assert.Equal(["1–2 дня", "Меню"], label.Texts());
    }

    [Fact]
    public async Task A_start_payload_is_a_value_the_scenario_can_branch_on()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));

        var result = await bot.SendAsync(BotInput.FromMessage(new TextContent("/start promo")));

        Assert.Equal(["Промокод: promo"], result.Texts());
    }

    [Fact]
    public async Task Start_restarts_a_conversation_from_wherever_it_is()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync("promo");

        var result = await bot.StartAsync();

        Assert.Equal(["Привет!", "Меню"], result.Texts());
        Assert.False(bot.Session!.Variables.ContainsKey("start.payload"));
    }

    [Fact]
    public async Task A_conversation_that_begins_with_a_question_is_greeted_and_the_question_goes_to_the_caller()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));

        var result = await bot.TextAsync("Сколько стоит доставка?");

        Assert.Equal(["Привет!", "Меню"], result.Texts());
        Assert.Equal(new UnhandledFreeText("Сколько стоит доставка?"), Assert.Single(result.Effects));
        Assert.Equal("main", bot.Session!.CurrentStepId);
    }

    [Fact]
    public async Task Something_the_bot_cannot_read_gets_the_unsupported_reply_and_the_step_keeps_waiting()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();

        var result = await bot.SendAsync(BotInput.FromMessage(new UnsupportedContent("sticker")));

        Assert.Equal(["Извините, я понимаю только текст и кнопки. / Sorry, I can only read text and buttons."], result.Texts());
        Assert.Equal("main", bot.Session!.CurrentStepId);
    }

    [Fact]
    public async Task A_loop_that_never_waits_is_stopped_with_an_error_effect_and_a_safe_reply()
    {
        var bot = new BotHarness(TestScenarios.Parse("""
            { "start": "hello", "settings": { "maxStepsPerTurn": 10 }, "steps": [
              { "id": "hello", "kind": "message", "text": "Привет", "next": "check" },
              { "id": "check", "kind": "condition", "branches": [
                  { "when": [ { "variable": "customer.vip", "operator": "exists" } ], "next": "vip" } ], "else": "spin" },
              { "id": "spin", "kind": "message", "text": "Ещё раз…", "next": "check" },
              { "id": "vip", "kind": "end" } ] }
            """));

        var result = await bot.StartAsync();

        Assert.Equal(["Извините, что-то пошло не так. Напишите «оператор», чтобы связаться с человеком. / Sorry, something went wrong. Write \"operator\" to reach a person."], result.Texts());
        var error = Assert.IsType<ScenarioErrorOccurred>(Assert.Single(result.Effects));
        Assert.Equal(ScenarioErrorKind.StepLimitExceeded, error.Kind);
        Assert.Null(bot.Session!.CurrentStepId);
    }

    [Fact]
    public async Task The_session_survives_json_with_its_step_variables_and_progress()
    {
        var session = new BotSession("7", "quiz", System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(
            StringComparer.Ordinal, [new KeyValuePair<string, string>("order.status", "В пути")]), 1, new QuizProgress(2, 1));

        var json = session.ToJson();
        var restored = BotSession.FromJson(json)!;

        Assert.Equal(session with { Variables = restored.Variables }, restored);
        Assert.Equal(session.Variables, restored.Variables);
        Assert.Null(BotSession.FromJson(null));
        Assert.Null(BotSession.FromJson(" "));
        Assert.Throws<System.Text.Json.JsonException>(() => BotSession.FromJson("{ not json"));
    }
}
