using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// Messages the business starts (<c>POST /api/v1/messages</c>) on WhatsApp, end to end: the CRM calls the real API with
/// an API key, the customer writes through the real webhook and the Graph stand-in receives what is sent.
/// </summary>
public sealed class BusinessMessageTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    [Fact]
    public async Task The_same_idempotency_key_five_times_sends_one_message_and_another_key_sends_another()
    {
        var customer = await CustomerWritesNowAsync();
        using var crm = await CrmAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { identity = Identity(customer), text = "Your order #1042 has shipped." };

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SendAsync(crm, key, body)));
        var other = await SendAsync(crm, Guid.NewGuid().ToString(), body);

        var answers = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var messageId = answers[0].GetProperty("messageId").GetGuid();
        Assert.All(answers, a => Assert.Equal(messageId, a.GetProperty("messageId").GetGuid()));
        Assert.Equal(4, answers.Count(a => a.GetProperty("duplicate").GetBoolean()));
        var first = answers.Single(a => !a.GetProperty("duplicate").GetBoolean());
        Assert.Equal("WhatsApp", first.GetProperty("channel").GetString());
        Assert.Equal("window_open", first.GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.NotEqual(messageId, (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetGuid());

        await Eventually.HoldsAsync(() => Task.FromResult(Texts(customer).Count(t => t == "Your order #1042 has shipped.") == 2), "both messages sent through the Cloud API");
        Assert.Equal(2, Texts(customer).Count(t => t == "Your order #1042 has shipped."));

        // The status: stored in the same commit as the message, so it is there at once; sent once the outbox ran.
        await Eventually.HoldsAsync(async () => (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{messageId}"))
            .GetProperty("delivery").GetProperty("status").GetString() == "Sent", "the status says sent");
        var status = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{messageId}");
        Assert.Equal("WhatsApp", status.GetProperty("channel").GetString());
        Assert.Equal(first.GetProperty("conversationId").GetGuid(), status.GetProperty("conversationId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await crm.GetAsync($"/api/v1/messages/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_preference_order_falls_back_past_a_channel_the_customer_never_used_and_refuses_when_none_allows_it()
    {
        var customer = await CustomerWritesNowAsync();
        using var crm = await CrmAsync();
        var customerId = await CustomerIdAsync(crm, customer);

        var fallback = await SendAsync(crm, Guid.NewGuid().ToString(), new { customerId, channels = new[] { "Telegram", "Vk", "WhatsApp" }, text = "Fallback" });
        var nowhere = await SendAsync(crm, Guid.NewGuid().ToString(), new { customerId, channels = new[] { "Telegram", "Viber" }, text = "Nowhere" });
        var templateOffWhatsApp = await SendAsync(crm, Guid.NewGuid().ToString(), new { customerId, channels = new[] { "Telegram" }, template = new { name = "x", language = "en" } });

        Assert.Equal(HttpStatusCode.Created, fallback.StatusCode);
        Assert.Equal("WhatsApp", (await fallback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("channel").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nowhere.StatusCode);
        var refusal = await nowhere.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("customer.no_identity", refusal.GetProperty("rule").GetString());
        Assert.Contains("Viber", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, templateOffWhatsApp.StatusCode); // the template is looked up first: none is registered
        await Eventually.HoldsAsync(() => Task.FromResult(Texts(customer).Contains("Fallback")), "the fallback sent on WhatsApp");
        Assert.DoesNotContain("Nowhere", Texts(customer));
    }

    [Fact]
    public async Task Bad_requests_are_400_naming_the_field_and_store_nothing()
    {
        var customer = await CustomerWritesNowAsync();
        using var crm = await CrmAsync();
        var customerId = await CustomerIdAsync(crm, customer);

        var noKey = await crm.PostAsJsonAsync("/api/v1/messages", new { customerId, text = "x" });
        var twoCustomers = await SendAsync(crm, "k1-" + Guid.NewGuid(), new { customerId, externalId = "crm-1", text = "x" });
        var noContent = await SendAsync(crm, "k2-" + Guid.NewGuid(), new { customerId });
        var badButton = await SendAsync(crm, "k3-" + Guid.NewGuid(), new { customerId, text = "x", buttons = new[] { new { label = "Track" } } });
        var unknownExternal = await SendAsync(crm, "k4-" + Guid.NewGuid(), new { externalId = "nobody-" + Guid.NewGuid().ToString("N"), text = "x" });
        var otherTenantsCustomer = await SendAsync(crm, "k5-" + Guid.NewGuid(), new { customerId = Guid.NewGuid(), text = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("Idempotency-Key", await noKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twoCustomers.StatusCode);
        Assert.Contains("exactly one of: customerId, externalId, identity", await twoCustomers.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noContent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badButton.StatusCode);
        Assert.Contains("buttons[0]", await badButton.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownExternal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTenantsCustomer.StatusCode);
        Assert.DoesNotContain("x", Texts(customer));
    }

    private async Task<string> CustomerWritesNowAsync()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "hello")));
        await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, customer);
        return customer;
    }

    private Task<HttpClient> CrmAsync() => CrmAsync(whatsApp);

    internal static async Task<HttpClient> CrmAsync(WhatsAppGatewayFixture whatsApp)
    {
        using var admin = await WhatsAppTemplateTests.SignInAsync(whatsApp);
        var created = await (await admin.PostAsync("/api/v1/admin/api-keys", new { name = "crm" })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var crm = whatsApp.App.CreateClient();
        crm.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());
        return crm;
    }

    private static async Task<Guid> CustomerIdAsync(HttpClient crm, string waId)
    {
        var sent = await SendAsync(crm, Guid.NewGuid().ToString(), new { identity = Identity(waId), text = "Welcome" });
        return (await sent.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetGuid();
    }

    internal static object Identity(string waId) => new { channel = "WhatsApp", account = WhatsAppGatewayFixture.PhoneNumberId, userId = waId };

    internal static Task<HttpResponseMessage> SendAsync(HttpClient crm, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/messages") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return crm.SendAsync(request);
    }

    private List<string?> Texts(string waId) => Texts(whatsApp, waId);

    internal static List<string?> Texts(WhatsAppGatewayFixture whatsApp, string waId) =>
        [.. whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, waId).Where(c => c.Field("type") == "text").Select(c => c.Field("text.body"))];
}
