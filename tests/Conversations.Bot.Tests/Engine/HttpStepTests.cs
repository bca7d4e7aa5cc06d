using System.Text.Json;
using Conversations.Abstractions.Bot;
using Conversations.Bot.Effects;
using Conversations.Bot.Engine;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

public sealed class HttpStepTests
{
    private static readonly string Json = """
        { "start": "ask", "steps": [
          { "id": "ask", "kind": "input", "validate": "phone", "text": "Телефон?", "next": "crm", "onFail": "failed" },
          { "id": "crm", "kind": "http", "method": "POST", "url": "{config.crmBaseUrl}/orders/search?phone={customer.phone}",
            "headers": { "Authorization": "Bearer {config.crmToken}" },
            "body": { "phone": "{customer.phone}", "note": "{customer.note}", "limit": 1 },
            "timeoutSeconds": 3,
            "assign": { "order.status": "orders[0].status", "order.courier": "orders.0.courier.name", "order.total": "orders[0].total", "order.track": "orders[0].track" },
            "next": "show", "onError": "failed" },
          { "id": "show", "kind": "end", "text": "{order.status}; курьер {order.courier}; {order.total} ₽; трек {order.track|нет}" },
          { "id": "failed", "kind": "end", "text": "CRM недоступна" } ] }
        """;

    private static BotHarness Bot(FakeCrm crm) => new(TestScenarios.Parse(Json), crm, context: Contexts.Customer(
        TestChannels.Telegram,
        attributes: new Dictionary<string, string> { ["note"] = "позвонить \"заранее\"\n" },
        config: new Dictionary<string, string> { ["crmBaseUrl"] = "https://crm.test/api", ["crmToken"] = "t0k" }));

    [Fact]
    public async Task The_json_answer_fills_variables_by_path()
    {
        var crm = FakeCrm.Answering(200, """{ "orders": [ { "status": "В пути", "courier": { "name": "Иван" }, "total": 1499.5, "track": null } ] }""");
        var bot = Bot(crm);
        await bot.StartAsync();

        var result = await bot.TextAsync("+7 999 123-45-67");

        Assert.Equal(["В пути; курьер Иван; 1499.5 ₽; трек нет"], result.Texts());
        Assert.Equal("В пути", bot.Session!.Variables["order.status"]);
        Assert.False(bot.Session.Variables.ContainsKey("order.track"));
    }

    [Fact]
    public async Task A_turn_run_without_outside_calls_stops_at_the_http_step_before_calling_and_the_same_turn_then_runs_with_them()
    {
        var crm = FakeCrm.Answering(200, """{ "orders": [ { "status": "В пути", "courier": { "name": "Иван" }, "total": 10, "track": "T1" } ] }""");
        var bot = Bot(crm);
        await bot.StartAsync();

        var stopped = await Assert.ThrowsAsync<OutsideCallRequiredException>(() =>
            bot.Engine.RunTurnAsync(bot.Scenario, bot.Session, new TextInput("+7 999 123-45-67"), bot.Context, outsideCallsAllowed: false));
        Assert.Equal("crm", stopped.StepId);
        Assert.Empty(crm.Requests);

        var result = await bot.TextAsync("+7 999 123-45-67");
        Assert.Equal(["В пути; курьер Иван; 10 ₽; трек T1"], result.Texts());
        Assert.Single(crm.Requests);
    }

    [Fact]
    public async Task A_turn_without_an_http_step_runs_the_same_without_outside_calls()
    {
        var bot = Bot(FakeCrm.Unused());

        var result = await bot.Engine.RunTurnAsync(bot.Scenario, null, new StartInput(null), bot.Context, outsideCallsAllowed: false);

        Assert.Equal(["Телефон?"], result.Texts());
    }

    [Fact]
    public async Task The_request_carries_the_rendered_url_headers_json_body_and_timeout()
    {
        var crm = FakeCrm.Answering(200, """{ "orders": [] }""");
        var bot = Bot(crm);
        await bot.StartAsync();

        await bot.TextAsync("+7 999 123-45-67");

        var request = Assert.Single(crm.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://crm.test/api/orders/search?phone=%2B79991234567", request.Url.AbsoluteUri);
        Assert.Equal([new KeyValuePair<string, string>("Authorization", "Bearer t0k")], request.Headers);
        Assert.Equal(TimeSpan.FromSeconds(3), request.Timeout);
        using var body = JsonDocument.Parse(request.JsonBody!);
        Assert.Equal("+79991234567", body.RootElement.GetProperty("phone").GetString());
        Assert.Equal("позвонить \"заранее\"", body.RootElement.GetProperty("note").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task A_call_that_outlives_its_timeout_goes_to_on_error()
    {
        var bot = Bot(FakeCrm.Hanging());
        await bot.StartAsync();

        var turn = bot.TextAsync("+7 999 123-45-67");
        Assert.False(turn.IsCompleted);
        bot.Time.Advance(TimeSpan.FromSeconds(3));
        var result = await turn;

        Assert.Equal(["CRM недоступна"], result.Texts());
        var error = Assert.IsType<ScenarioErrorOccurred>(result.Effects[^1]);
        Assert.Equal(ScenarioErrorKind.HttpCallFailed, error.Kind);
        Assert.Equal("crm", error.StepId);
        Assert.Equal("POST https://crm.test/api/orders/search timed out after 3 s", error.Detail);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(302)]
    public async Task A_non_2xx_answer_goes_to_on_error(int status)
    {
        var bot = Bot(FakeCrm.Answering(status, """{ "orders": [ { "status": "В пути" } ] }"""));
        await bot.StartAsync();

        var result = await bot.TextAsync("+7 999 123-45-67");

        Assert.Equal(["CRM недоступна"], result.Texts());
        Assert.EndsWith($"answered HTTP {status}", Assert.IsType<ScenarioErrorOccurred>(result.Effects[^1]).Detail, StringComparison.Ordinal);
        Assert.False(bot.Session!.Variables.ContainsKey("order.status"));
    }

    [Fact]
    public async Task A_network_failure_or_a_timeout_thrown_by_the_client_goes_to_on_error()
    {
        foreach (var exception in new Exception[] { new HttpRequestException("connection refused"), new TimeoutException("slow") })
        {
            var bot = Bot(FakeCrm.Throwing(exception));
            await bot.StartAsync();

            var result = await bot.TextAsync("+7 999 123-45-67");

            Assert.Equal(["CRM недоступна"], result.Texts());
            Assert.Contains(exception.Message, Assert.IsType<ScenarioErrorOccurred>(result.Effects[^1]).Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_answer_that_is_not_json_goes_to_on_error()
    {
        var bot = Bot(FakeCrm.Answering(200, "<html>Service Unavailable</html>"));
        await bot.StartAsync();

        var result = await bot.TextAsync("+7 999 123-45-67");

        Assert.Equal(["CRM недоступна"], result.Texts());
        Assert.Contains("did not answer JSON", Assert.IsType<ScenarioErrorOccurred>(result.Effects[^1]).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_that_renders_without_a_base_goes_to_on_error_without_a_call()
    {
        var crm = FakeCrm.Unused();
        var bot = new BotHarness(TestScenarios.Parse(Json), crm, context: Contexts.Customer(TestChannels.Telegram, config: new Dictionary<string, string>()));
        await bot.StartAsync();

        var result = await bot.TextAsync("+7 999 123-45-67");

        Assert.Equal(["CRM недоступна"], result.Texts());
        Assert.Empty(crm.Requests);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_mistaken_for_a_timeout()
    {
        var bot = Bot(FakeCrm.Hanging());
        await bot.StartAsync();
        using var cancellation = new CancellationTokenSource();

        var turn = bot.SendAsync(new TextInput("+7 999 123-45-67"), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => turn);
    }
}
