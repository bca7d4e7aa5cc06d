using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Channels.EventsOut;
using Conversations.Channels.Notifications;
using Conversations.Testing;
using Conversations.Testing.EventsOut;
using CsCheck;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>The Telegram gateway on PostgreSQL with loopback webhook endpoints allowed.</summary>
public sealed class BusinessEventFixture : TelegramGatewayFixture
{
    private readonly PostgresDatabase _database = new();

    protected override string? Postgres => _database.ConnectionString;

    // The write limit raised: every test's API key is named "crm" and so shares one bucket (20 a second, burst 40), which
    // the class's fuzz test (100 posts) spends; in CI the survey test ran right after it and met a 429.
    protected override Dictionary<string, string?> Settings => new(base.Settings) { ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8", ["Auth:WritesPerSecond"] = "10000" };

    public override async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>
/// Issue 19's test through the real host on PostgreSQL: a CRM's <c>order_delivered</c> event starts the scenario's
/// survey on the customer's Telegram chat, the customer answers 9, and the CRM's endpoint receives <c>survey.answered</c>
/// signed with its subscription's secret. Also: a repeated key starts nothing new, an unbound event and another
/// tenant's customer are refused, and the endpoint is fuzzed.
/// </summary>
public sealed class BusinessEventSurveyTests(BusinessEventFixture telegram) : IClassFixture<BusinessEventFixture>, IAsyncLifetime
{
    private const string Scenario = """
        { "start": "hello", "language": "ru",
          "events": { "order_delivered": "survey" },
          "steps": [
            { "id": "hello", "kind": "end", "text": "Здравствуйте!" },
            { "id": "survey", "kind": "rating", "text": "Заказ {event.order} доставлен. Оцените доставку от 1 до 10", "min": 1, "max": 10,
              "threshold": 8, "onHigh": "thanks", "onLow": "sorry" },
            { "id": "thanks", "kind": "end", "text": "Спасибо за оценку!" },
            { "id": "sorry", "kind": "end", "text": "Нам жаль, мы разберёмся." } ] }
        """;

    private WebhookReceiver _crm = null!;

    public async Task InitializeAsync()
    {
        _crm = await WebhookReceiver.StartAsync();
        await telegram.App.Grains.GetGrain<IScenarioGrain>(telegram.TenantId).PublishAsync(Scenario);
    }

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task An_order_delivered_event_starts_the_survey_and_the_rating_reaches_the_crm_as_a_signed_survey_answered()
    {
        using var admin = await AdminAsync(telegram.TenantId);
        var created = await (await admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = _crm.Url, events = new[] { "survey.answered" } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        var user = Fixture.NewUserId();
        (await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "привет"))).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Texts(user).Contains("Здравствуйте!"), "the greeting");
        var customer = (await telegram.CustomerAsync(user))!.CustomerId;

        var started = await SendEventAsync(admin, customer, "delivery-1042", new { name = "order_delivered", data = new { order = "1042" } });
        var again = await SendEventAsync(admin, customer, "delivery-1042", new { name = "order_delivered", data = new { order = "1042" } });
        await Eventually.AdvanceUntilAsync(telegram.Clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10),
            () => Task.FromResult(Texts(user).Any(t => t.StartsWith("Заказ 1042 доставлен.", StringComparison.Ordinal))), "the survey asked");
        (await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "9"))).EnsureSuccessStatusCode();
        await Eventually.AdvanceUntilAsync(telegram.Clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10),
            () => Task.FromResult(Texts(user).Contains("Спасибо за оценку!")), "the thanks");
        await Eventually.HoldsAsync(async () =>
        {
            await telegram.App.Service<WebhookEventFeed>().FlushAsync();
            await telegram.App.Service<WebhookDispatcher>().DeliverDueAsync();
            return _crm.Received.Any(r => r.Type == "survey.answered");
        }, "the survey.answered webhook");

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var accepted = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Telegram", accepted.GetProperty("channel").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        Assert.Single(Texts(user), t => t.StartsWith("Заказ 1042 доставлен.", StringComparison.Ordinal));
        var answered = Assert.Single(_crm.Received, r => r.Type == "survey.answered");
        Assert.True(WebhookSignature.Verify(secret, long.Parse(answered.Timestamp!, CultureInfo.InvariantCulture), answered.Body, answered.Signature!));
        Assert.Equal("survey.answered", answered.Event);
        Assert.Equal((9, 1, 10, "survey"), (answered.Data.GetProperty("score").GetInt32(), answered.Data.GetProperty("min").GetInt32(),
            answered.Data.GetProperty("max").GetInt32(), answered.Data.GetProperty("stepId").GetString()));
        Assert.Equal(customer, answered.Data.GetProperty("customerId").GetGuid());
        Assert.Equal(accepted.GetProperty("conversationId").GetGuid(), answered.Data.GetProperty("conversationId").GetGuid());
    }

    [Fact]
    public async Task An_event_no_entry_point_binds_is_a_422_naming_the_rule_and_another_tenants_customer_is_a_404()
    {
        using var admin = await AdminAsync(telegram.TenantId);
        var user = Fixture.NewUserId();
        (await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "привет"))).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Texts(user).Contains("Здравствуйте!"), "the greeting");
        var customer = (await telegram.CustomerAsync(user))!.CustomerId;
        var rivalTenant = await (await telegram.Http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "rival-events", name = "Rival", adminUsername = "boss", adminPassword = "rival-password" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Api.Contracts.Platform.TenantCreated>(TestJson.Options);
        using var rival = await AdminAsync(rivalTenant!.Tenant.TenantId);

        var unbound = await SendEventAsync(admin, customer, null, new { name = "order_lost" });
        var elsewhere = await SendEventAsync(rival, customer, null, new { name = "order_delivered" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unbound.StatusCode);
        Assert.Equal("scenario.no_entry_point", (await unbound.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(["Здравствуйте!"], Texts(user));
    }

    [Fact]
    public async Task Fuzzed_events_never_get_a_server_error_and_every_refusal_is_a_problem_naming_why()
    {
        using var admin = await AdminAsync(telegram.TenantId);
        var user = Fixture.NewUserId();
        (await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "привет"))).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => await telegram.CustomerAsync(user) is not null, "the customer");
        var customer = (await telegram.CustomerAsync(user))!.CustomerId;
        var name = Gen.OneOf(Gen.Const("order_delivered"), Gen.Const("order_lost"), Gen.Const(""), Gen.Const(new string('n', 65)), Gen.String[0, 70], Gen.Const((string)null!));
        var field = Gen.OneOf(Gen.Const("order"), Gen.Const("bad key"), Gen.Const(""), Gen.Const(new string('k', 65)), Gen.String[0, 10]);
        var value = Gen.OneOf(Gen.Const("1042"), Gen.Const(new string('v', 1001)), Gen.String[0, 30]);
        var channels = Gen.OneOf(Gen.Const("Telegram"), Gen.Const("WhatsApp"), Gen.Const("Widget"), Gen.Const("Fax")).Array[0, 12];
        var key = Gen.OneOf(Gen.Const((string)null!), Gen.Const(""), Gen.Const(new string('k', 256)), Gen.Guid.Select(g => g.ToString()));
        var count = 0;
        await Gen.Select(name, Gen.Select(field, value).Array[0, 25], channels, key, Gen.Bool).SampleAsync(async t =>
        {
            count++;
            var (eventName, fields, order, idempotencyKey, known) = t;
            var data = new JsonObject();
            foreach (var (f, v) in fields)
            {
                data[f] = v;
            }

            var body = new JsonObject { ["name"] = eventName, ["data"] = data, ["channels"] = new JsonArray([.. order.Select(c => (JsonNode)c)]) };
            var response = await SendEventAsync(admin, known ? customer : Guid.NewGuid(), idempotencyKey, body);
            var answer = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for {body.ToJsonString()}: {answer}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = JsonDocument.Parse(answer).RootElement;
                Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), answer);
                Assert.True(status != 422 || problem.TryGetProperty("rule", out _), $"a 422 without its rule: {answer}");
            }
        }, seed: "C0nversat1on", iter: 100, threads: 1);

        Assert.Equal(100, count);
    }

    /// <summary>A CRM's client with an admin API key (the fixture's fake clock is weeks behind, so sign-in tokens would be expired).</summary>
    private async Task<HttpClient> AdminAsync(Guid tenant)
    {
        var created = await telegram.App.Grains.GetGrain<ITenantGrain>(tenant).CreateApiKeyAsync("crm", OperatorRole.Admin);
        var http = telegram.App.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", created.Key);
        return http;
    }

    private static async Task<HttpResponseMessage> SendEventAsync(HttpClient client, Guid customer, string? key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/customers/{customer}/events") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    private List<string> Texts(long user) => [.. telegram.RepliesTo(user).Select(c => c.Field("text") ?? "")];
}
