using Conversations.Abstractions.Bot;
using Conversations.Bot.Scenarios;

namespace Conversations.Bot.Tests.Scenarios;

public sealed class ScenarioValidationTests
{
    private static IReadOnlyList<string> Problems(string json)
    {
        var result = ScenarioParser.Parse(json, "1");
        Assert.False(result.IsValid);
        Assert.Null(result.Scenario);
        return [.. result.Problems.Select(p => p.ToString())];
    }

    [Theory]
    [InlineData("\"a\\udfffb\"")]
    [InlineData("{\"name\":\"a\\ud800\",\"start\":\"x\",\"steps\":{}}")]
    public void A_lone_surrogate_is_a_problem_not_a_crash(string json)
    {
        var problems = Problems(json);

        Assert.Contains(problems, p => p.Contains("UTF-16", StringComparison.Ordinal));
    }

    [Fact]
    public void A_broken_document_gets_every_problem_listed_at_once_with_its_path()
    {
        var problems = Problems("""
            {
              "start": "hello",
              "steps": [
                { "id": "hello", "kind": "message", "text": "Привет, {customer.name", "next": "menu" },
                { "id": "menu", "kind": "menu", "text": "Выберите", "options": [
                    { "label": "Заказ", "next": "ask" },
                    { "label": "Куда?", "next": "nowhere" } ] },
                { "id": "ask", "kind": "input", "validate": "text", "variable": "answer", "pattern": "([a-z", "next": "menu", "onFail": "menu" },
                { "id": "menu", "kind": "end" },
                { "kind": "end" },
                { "id": "crm", "kind": "http", "url": "ftp://crm/orders", "timeoutSeconds": 90, "next": "menu", "onError": "menu" },
                { "id": "bye", "kind": "farewell" },
                { "id": "show", "kind": "message", "text": "Статус: {orders.status}", "nxt": "menu" }
              ]
            }
            """);

        Assert.Contains("steps[0].text: bad template: unclosed '{' at position 9", problems);
        Assert.Contains("steps[1].options[1].next: unknown step 'nowhere'", problems);
        Assert.Contains(problems, p => p.StartsWith("steps[2].pattern: invalid regular expression", StringComparison.Ordinal));
        Assert.Contains("steps[2].text: is required", problems);
        Assert.Contains("steps[3].id: duplicate step id 'menu' (first used by steps[1])", problems);
        Assert.Contains("steps[4].id: is required", problems);
        Assert.Contains("steps[5].url: 'ftp://crm/orders' is not an absolute http(s) URL", problems);
        Assert.Contains("steps[5].timeoutSeconds: 90 is out of range 1..30", problems);
        Assert.Contains(problems, p => p.StartsWith("steps[6].kind: unknown step kind 'farewell'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("steps[7].text: unknown variable root 'orders' in 'orders.status'", StringComparison.Ordinal));
        Assert.Contains("steps[7].nxt: unknown property 'nxt'", problems);
        Assert.Contains("steps[5]: step 'crm' is unreachable from the start step 'hello'", problems);
        Assert.Contains("steps[6]: step 'bye' is unreachable from the start step 'hello'", problems);
        Assert.Contains("steps[7]: step 'show' is unreachable from the start step 'hello'", problems);
        Assert.Equal(14, problems.Count);
    }

    [Fact]
    public void Problems_are_listed_in_document_order()
    {
        var result = ScenarioParser.Parse("""
            { "start": "a", "steps": [
              { "id": "a", "kind": "goto", "target": "x2" }, { "id": "b", "kind": "goto", "target": "x1" },
              { "id": "c", "kind": "goto", "target": "x0" }, { "id": "d", "kind": "goto", "target": "x3" },
              { "id": "e", "kind": "goto", "target": "x4" }, { "id": "f", "kind": "goto", "target": "x5" },
              { "id": "g", "kind": "goto", "target": "x6" }, { "id": "h", "kind": "goto", "target": "x7" },
              { "id": "i", "kind": "goto", "target": "x8" }, { "id": "j", "kind": "goto", "target": "x9" },
              { "id": "k", "kind": "goto", "target": "x10" } ] }
            """, "1");

        var targets = result.Problems.Where(p => p.Path.EndsWith(".target", StringComparison.Ordinal)).Select(p => p.Path).ToList();
        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"steps[{i}].target"), targets);
    }

    [Fact]
    public void Text_that_is_not_json_is_one_problem_at_the_root()
    {
        var problems = Problems("{ \"start\": \"a\", ");

        var problem = Assert.Single(problems);
        Assert.StartsWith("$: not valid JSON", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_without_start_and_steps_says_both_are_required()
    {
        var problems = Problems("""{ "name": "empty", "colour": "blue" }""");

        Assert.Equal(["colour: unknown property 'colour'", "start: is required", "steps: is required"], problems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_start_step_that_does_not_exist_is_reported()
    {
        var problems = Problems("""{ "start": "missing", "steps": [ { "id": "a", "kind": "end" } ] }""");

        Assert.Contains("start: unknown step 'missing'", problems);
    }

    [Fact]
    public void Out_of_range_values_and_wrong_types_are_reported_per_property()
    {
        var problems = Problems("""
            { "start": "rate", "settings": { "maxStepsPerTurn": 0 }, "steps": [
              { "id": "rate", "kind": "rating", "text": "Оцените", "min": 5, "max": 3, "threshold": 11, "onHigh": "end", "onLow": "end", "handoffOnLow": "yes" },
              { "id": "ask", "kind": "input", "text": "?", "validate": "phone", "maxRetries": -1, "next": "end", "onFail": "end" },
              { "id": "menu", "kind": "menu", "text": 42, "options": [] },
              { "id": "end", "kind": "end" } ] }
            """);

        Assert.Contains("settings.maxStepsPerTurn: 0 is out of range 1..100", problems);
        Assert.Contains("steps[0].max: must be greater than min (5)", problems);
        Assert.Contains("steps[0].threshold: 11 is out of range 5..3", problems);
        Assert.Contains("steps[0].handoffOnLow: expected true or false, found string \"yes\"", problems);
        Assert.Contains("steps[1].maxRetries: -1 is out of range 0..10", problems);
        Assert.Contains("steps[2].text: expected a string, found number 42", problems);
        Assert.Contains("steps[2].options: has 0 items; at least 1 is required", problems);
    }

    [Fact]
    public void Quiz_results_must_cover_every_score_once_and_answers_must_point_at_an_option()
    {
        var problems = Problems("""
            { "start": "quiz", "steps": [
              { "id": "quiz", "kind": "quiz", "questions": [
                  { "text": "2+2?", "options": [ "3", "4" ], "answer": 2 },
                  { "text": "Столица?", "options": [ "Москва", "Тверь" ], "answer": 3 } ],
                "results": [ { "min": 0, "max": 0, "text": "Плохо" }, { "min": 0, "max": 1, "text": "Так себе" } ] } ] }
            """);

        Assert.Contains("steps[0].questions[1].answer: 3 is out of range 1..2", problems);
        Assert.Contains("steps[0].results: 2 results cover a score of 0; ranges must not overlap", problems);
        Assert.Contains("steps[0].results: no result covers a score of 2 (scores run from 0 to 2)", problems);
    }

    [Fact]
    public void Message_and_goto_steps_that_loop_without_waiting_are_rejected()
    {
        var problems = Problems("""
            { "start": "a", "steps": [
              { "id": "a", "kind": "message", "text": "раз", "next": "b" },
              { "id": "b", "kind": "goto", "target": "a" } ] }
            """);

        Assert.Equal(["steps[0]: steps 'a' → 'b' → 'a' loop forever without waiting for the customer"], problems);
    }

    [Fact]
    public void Conditions_need_a_known_operator_and_numbers_for_numeric_comparisons()
    {
        var problems = Problems("""
            { "start": "c", "steps": [
              { "id": "c", "kind": "condition", "branches": [
                  { "when": [ { "variable": "customer.age", "operator": "greaterThan", "value": "много" } ], "next": "e" },
                  { "when": [ { "variable": "customer.vip", "operator": "isTrue" } ], "next": "e" },
                  { "when": [ { "variable": "customer.city", "operator": "exists", "value": "Москва" } ], "next": "e" } ],
                "else": "e" },
              { "id": "e", "kind": "end" } ] }
            """);

        Assert.Contains("steps[0].branches[0].when[0].value: 'greaterThan' compares numbers; 'много' is not a number", problems);
        Assert.Contains(problems, p => p.StartsWith("steps[0].branches[1].when[0].operator: unknown operator 'isTrue'", StringComparison.Ordinal));
        Assert.Contains("steps[0].branches[2].when[0].value: 'exists' takes no value", problems);
    }

    [Fact]
    public void Reserved_values_cannot_be_written_by_steps()
    {
        var problems = Problems("""
            { "start": "ask", "steps": [
              { "id": "ask", "kind": "input", "text": "Имя?", "variable": "customer.name", "next": "crm" },
              { "id": "crm", "kind": "http", "url": "https://crm.test/x", "assign": { "config.token": "token", "order.id": "" }, "next": "e", "onError": "e" },
              { "id": "e", "kind": "end" } ] }
            """);

        Assert.Contains(problems, p => p.StartsWith("steps[0].variable: 'customer.name' cannot be written", StringComparison.Ordinal));
        Assert.Contains("steps[1].assign.config.token: 'config.token' cannot be written: 'config' is reserved", problems);
        Assert.Contains(problems, p => p.StartsWith("steps[1].assign.order.id: expected a JSON path", StringComparison.Ordinal));
    }

    [Fact]
    public void Http_steps_reject_a_body_on_get_and_invalid_header_names()
    {
        var problems = Problems("""
            { "start": "crm", "steps": [
              { "id": "crm", "kind": "http", "method": "get", "url": "{config.crmBaseUrl}/orders",
                "headers": { "Bad Header": "x" }, "body": { "phone": "{customer.phone}" }, "next": "e", "onError": "e" },
              { "id": "e", "kind": "end" } ] }
            """);

        Assert.Contains("steps[0].body: a GET request has no body", problems);
        Assert.Contains("steps[0].headers.Bad Header: 'Bad Header' is not a valid header name", problems);
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Only_the_business_configuration_may_choose_where_a_request_goes()
    {
        var problems = Problems("""
            { "start": "crm", "steps": [
              { "id": "crm", "kind": "http", "url": "{customer.website}/orders", "next": "pic", "onError": "pic" },
              { "id": "pic", "kind": "message", "image": "cdn.test/{customer.id}.png", "text": "?", "next": "ok" },
              { "id": "ok", "kind": "http", "url": "{config.crmBaseUrl}/orders?id={customer.id}", "next": "e", "onError": "e" },
              { "id": "e", "kind": "end" } ] }
            """);

        Assert.Equal(
        [
            "steps[0].url: '{customer.website}/orders' must start with http(s):// or with a {config.…} base URL",
            "steps[1].image: 'cdn.test/{customer.id}.png' is not an absolute http(s) URL",
        ], problems);
    }

    [Fact]
    public void A_payload_used_by_two_menu_options_is_reported()
    {
        var problems = Problems("""
            { "start": "m1", "steps": [
              { "id": "m1", "kind": "menu", "text": "1", "options": [ { "label": "Дальше", "payload": "go", "next": "m2" } ] },
              { "id": "m2", "kind": "menu", "text": "2", "options": [ { "label": "Назад", "payload": "go", "next": "m1" } ] } ] }
            """);

        Assert.Equal(["steps[1].options[0].payload: payload 'go' is already used by steps[0].options[0].payload"], problems);
    }

    [Fact]
    public void A_valid_document_yields_a_scenario_with_the_callers_version()
    {
        var result = ScenarioParser.Parse("""
            // comments and trailing commas are fine for hand-edited documents
            { "start": "hi", "steps": [ { "id": "hi", "kind": "message", "text": "Привет, {customer.name}!", "next": "bye" },
                                        { "id": "bye", "kind": "end", }, ], }
            """, "rev-42");

        Assert.True(result.IsValid, result.ToString());
        Assert.Empty(result.Problems);
        Assert.Equal("rev-42", result.Scenario!.Version);
        Assert.Equal("hi", result.Scenario.StartStepId);
        Assert.Equal(["bye", "hi"], result.Scenario.StepIds.Order(StringComparer.Ordinal));
        Assert.True(result.Scenario.ContainsStep("bye"));
    }
}
