using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Messages;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// Subscription topics on WhatsApp, end to end: a marketing message carries the unsubscribe button; the customer's
/// press (or the keyword) is answered with the tenant's confirmation, kept in the conversation and recorded; then a
/// message on that topic is refused with 422 <c>topic.unsubscribed</c> while another topic still goes.
/// </summary>
public sealed class WhatsAppUnsubscribeTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    [Fact]
    public async Task The_unsubscribe_button_opts_out_of_its_topic_only_and_the_keyword_out_of_all_marketing()
    {
        using var admin = await ApiSession.SignInAsync(whatsApp.App.CreateClient(), "shop", "admin", "admin-password");
        await Topics.DeclareAsync(admin.Http);
        var byButton = await WritesAsync("hello");
        var sent = await Topics.SendAsync(admin.Http, new { identity = BusinessMessageTests.Identity(byButton), text = "Winter sale: -20%", topic = "offers" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(Interactive(byButton).Any()), "the offer sent with its buttons");
        var offer = Interactive(byButton).Single();
        Assert.Equal("Winter sale: -20%", offer.Field("interactive.body.text"));
        Assert.Equal("unsub:offers", offer.Field("interactive.action.buttons.0.reply.id"));
        Assert.Equal("Отписаться", offer.Field("interactive.action.buttons.0.reply.title"));

        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Message(byButton, WhatsAppGatewayFixture.NewMessageId(), "interactive",
            new JsonObject { ["type"] = "button_reply", ["button_reply"] = new JsonObject { ["id"] = "unsub:offers", ["title"] = "Отписаться" } })));
        await Eventually.HoldsAsync(() => Task.FromResult(BusinessMessageTests.Texts(whatsApp, byButton).Any(t => t!.StartsWith("Вы отписались от рассылки «Акции»", StringComparison.Ordinal))),
            "the confirmation sent at once");

        Assert.Contains(await whatsApp.CustomerMessagesAsync(byButton), m => m.Content is ButtonPressContent { Payload: "unsub:offers" });
        var refused = await Topics.SendAsync(admin.Http, new { identity = BusinessMessageTests.Identity(byButton), text = "Another sale", topic = "offers" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("topic.unsubscribed", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.Created, (await Topics.SendAsync(admin.Http, new { identity = BusinessMessageTests.Identity(byButton), text = "Your news", topic = "news" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Topics.SendAsync(admin.Http, new { identity = BusinessMessageTests.Identity(byButton), text = "Order shipped", topic = "orders" })).StatusCode);
        var customerId = await CustomerIdAsync(admin.Http, byButton);
        var subscriptions = await admin.GetAsync($"/api/v1/customers/{customerId}/subscriptions");
        Assert.True(Topics.OptedOut(subscriptions, "offers"));
        Assert.False(Topics.OptedOut(subscriptions, "news"));
        var record = subscriptions.GetProperty("records").EnumerateArray().Single();
        Assert.Equal(("offers", false, "button:WhatsApp"), (record.GetProperty("topic").GetString(), record.GetProperty("subscribed").GetBoolean(), record.GetProperty("source").GetString()));

        var byKeyword = await WritesAsync("hello");
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(byKeyword, WhatsAppGatewayFixture.NewMessageId(), "STOP")));
        await Eventually.HoldsAsync(() => Task.FromResult(BusinessMessageTests.Texts(whatsApp, byKeyword).Any(t => t!.StartsWith("Вы отписались от рекламных рассылок", StringComparison.Ordinal))),
            "the keyword confirmed");
        Assert.Contains(await whatsApp.CustomerMessagesAsync(byKeyword), m => m.Content is TextContent { Text: "STOP" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Topics.SendAsync(admin.Http, new { identity = BusinessMessageTests.Identity(byKeyword), text = "Sale", topic = "offers" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Topics.SendAsync(admin.Http, new { identity = BusinessMessageTests.Identity(byKeyword), text = "News", topic = "news" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Topics.SendAsync(admin.Http, new { identity = BusinessMessageTests.Identity(byKeyword), text = "Order shipped", topic = "orders" })).StatusCode);
    }

    [Fact]
    public async Task Another_tenant_cannot_read_or_record_a_customers_subscriptions_and_an_unknown_topic_is_a_400_naming_it()
    {
        using var admin = await ApiSession.SignInAsync(whatsApp.App.CreateClient(), "shop", "admin", "admin-password");
        await Topics.DeclareAsync(admin.Http);
        var customer = await WritesAsync("hello");
        var customerId = await CustomerIdAsync(admin.Http, customer);
        (await whatsApp.Http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "other", name = "Other", adminUsername = "admin", adminPassword = "admin-password" })).EnsureSuccessStatusCode();
        using var other = await ApiSession.SignInAsync(whatsApp.App.CreateClient(), "other", "admin", "admin-password");

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/customers/{customerId}/subscriptions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.PostAsJsonAsync($"/api/v1/customers/{customerId}/subscriptions", new { topic = "*", subscribed = false })).StatusCode);
        var unknown = await Topics.SendAsync(admin.Http, new { customerId, text = "x", topic = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("topic: 'nope'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var consent = await admin.Http.PostAsJsonAsync($"/api/v1/customers/{customerId}/subscriptions", new { topic = "offers", subscribed = false, source = "call centre" });
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        var view = await consent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(Topics.OptedOut(view, "offers"));
        Assert.Equal("api:call centre", view.GetProperty("records")[0].GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Topics.SendAsync(admin.Http, new { customerId, text = "Sale", topic = "offers" })).StatusCode);
    }

    private async Task<string> WritesAsync(string text)
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), text)));
        await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, customer);
        return customer;
    }

    private static async Task<Guid> CustomerIdAsync(HttpClient http, string waId)
    {
        var sent = await Topics.SendAsync(http, new { identity = BusinessMessageTests.Identity(waId), text = "Welcome", topic = "orders" });
        return (await sent.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetGuid();
    }

    private IEnumerable<GraphCall> Interactive(string waId) => whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, waId).Where(c => c.Field("type") == "interactive");
}

/// <summary>The same on Messenger: the button is a quick reply, the keyword Russian.</summary>
public sealed class MessengerUnsubscribeTests(MessengerConformanceDriver messenger) : IClassFixture<MessengerConformanceDriver>
{
    [Fact]
    public async Task The_unsubscribe_quick_reply_and_the_keyword_opt_out_on_messenger()
    {
        using var admin = await ApiSession.SignInAsync(messenger.App.CreateClient(), "shop", "admin", "admin-password");
        await Topics.DeclareAsync(admin.Http);
        var byButton = MessengerPlatformDriver.NewCustomer();
        await DeliverAsync(byButton, "message", new JsonObject { ["mid"] = "m_" + Guid.NewGuid().ToString("N"), ["text"] = "hello" });
        await Eventually.HoldsAsync(() => Task.FromResult(Sent(byButton).Count > 0), "the bot's answer sent");
        Assert.Equal(HttpStatusCode.Created, (await Topics.SendAsync(admin.Http, new { identity = Identity(byButton), text = "Winter sale", topic = "offers" })).StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(Sent(byButton).Any(c => c.Body.ToJsonString().Contains("unsub:offers", StringComparison.Ordinal))),
            "the offer sent with the unsubscribe button");

        Assert.Contains(Sent(byButton), c => c.Field("message.quick_replies.0.payload") == "unsub:offers");
        await DeliverAsync(byButton, "message", new JsonObject
        {
            ["mid"] = "m_" + Guid.NewGuid().ToString("N"), ["text"] = "Отписаться", ["quick_reply"] = new JsonObject { ["payload"] = "unsub:offers" },
        });
        await Eventually.HoldsAsync(() => Task.FromResult(Sent(byButton).Any(c => c.Field("message.text")?.StartsWith("Вы отписались от рассылки «Акции»", StringComparison.Ordinal) == true)),
            "the confirmation sent");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Topics.SendAsync(admin.Http, new { identity = Identity(byButton), text = "Sale", topic = "offers" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Topics.SendAsync(admin.Http, new { identity = Identity(byButton), text = "News", topic = "news" })).StatusCode);

        var byKeyword = MessengerPlatformDriver.NewCustomer();
        await DeliverAsync(byKeyword, "message", new JsonObject { ["mid"] = "m_" + Guid.NewGuid().ToString("N"), ["text"] = "hello" });
        await Eventually.HoldsAsync(() => Task.FromResult(Sent(byKeyword).Count > 0), "the bot's answer sent");
        await DeliverAsync(byKeyword, "message", new JsonObject { ["mid"] = "m_" + Guid.NewGuid().ToString("N"), ["text"] = "Отписаться!" });
        await Eventually.HoldsAsync(() => Task.FromResult(Sent(byKeyword).Any(c => c.Field("message.text")?.StartsWith("Вы отписались от рекламных рассылок", StringComparison.Ordinal) == true)),
            "the keyword confirmed");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Topics.SendAsync(admin.Http, new { identity = Identity(byKeyword), text = "Sale", topic = "offers" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Topics.SendAsync(admin.Http, new { identity = Identity(byKeyword), text = "Order shipped", topic = "orders" })).StatusCode);
    }

    private Task<HttpResponseMessage> DeliverAsync(string customer, string key, JsonObject payload) =>
        messenger.Graph.DeliverPlatformWebhookAsync(messenger.Http, WhatsAppGatewayFixture.AppId, GraphApiStandIn.PlatformNotification("page",
            GraphApiStandIn.PlatformEntry(MessengerPlatformDriver.PageId, GraphApiStandIn.PlatformEvent(customer, MessengerPlatformDriver.PageId, key, payload))),
            WhatsAppGatewayFixture.AppSecret);

    /// <summary>What the Page sent the customer; the host's clock moves a second per look, for the per-chat pace (one a second).</summary>
    private IReadOnlyList<GraphCall> Sent(string customer)
    {
        messenger.Clock.Advance(TimeSpan.FromSeconds(1));
        return messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, customer);
    }

    private static object Identity(string customer) => new { channel = "Messenger", account = MessengerPlatformDriver.PageId, userId = customer };
}

/// <summary>What the unsubscribe tests share: the tenant's topics, a send, a topic's state.</summary>
internal static class Topics
{
    public static async Task DeclareAsync(HttpClient admin) => (await admin.PatchAsJsonAsync("/api/v1/admin/settings", new
    {
        subscriptionTopics = new object[]
        {
            new { key = "offers", name = "Акции", marketing = true },
            new { key = "news", name = "Новости", marketing = true },
            new { key = "orders", name = "Заказы", marketing = false },
        },
    })).EnsureSuccessStatusCode();

    public static Task<HttpResponseMessage> SendAsync(HttpClient http, object body) => BusinessMessageTests.SendAsync(http, Guid.NewGuid().ToString(), body);

    public static bool OptedOut(JsonElement subscriptions, string topic) =>
        subscriptions.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("topic").GetString() == topic).GetProperty("optedOut").GetBoolean();
}
