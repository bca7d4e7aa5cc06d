using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Grains.Channels;
using Conversations.Grains.Customers;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// WhatsApp message templates end to end: the customer writes through the real webhook, the operator works through the
/// real API, and the Graph stand-in lists the templates and refuses what the Cloud API refuses.
/// </summary>
public sealed class WhatsAppTemplateTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    [Fact]
    public async Task A_template_that_is_unknown_not_approved_or_given_the_wrong_number_of_values_is_refused_naming_the_field()
    {
        await RegisterAsync("refund_done", "ru", "Возврат {{1}} оформлен.");
        await RegisterAsync("promo_paused", "ru", "Скидка {{1}}", status: "PAUSED", category: "MARKETING");
        var customer = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "hi")));
        var conversation = await ConversationIdAsync(customer);
        using var session = await SignInAsync();
        (await session.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();

        var unknown = await SendTemplateAsync(session, conversation, "no_such_template", "ru", ["x"]);
        var paused = await SendTemplateAsync(session, conversation, "promo_paused", "ru", ["10%"]);
        var tooFew = await SendTemplateAsync(session, conversation, "refund_done", "ru", []);
        var blank = await SendTemplateAsync(session, conversation, "refund_done", "ru", [" "]);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no_such_template", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, paused.StatusCode);
        Assert.Contains("PAUSED", await paused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooFew.StatusCode);
        Assert.Contains("template.parameters", await tooFew.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("template.parameters[0]", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, customer), c => c.Field("type") == "template");
    }

    [Fact]
    public async Task Templates_sync_from_the_business_account_page_by_page_and_one_meta_no_longer_lists_is_removed_while_registered_ones_stay()
    {
        using var admin = await SignInAsync();
        await RegisterAsync("hand_made", "en", "Registered by hand {{1}}");
        for (var i = 0; i < 105; i++)
        {
            whatsApp.Graph.AddTemplate(WhatsAppGatewayFixture.WabaId, WhatsAppGatewayFixture.Token, $"synced_{i:000}", "en_US", $"Template {i} for {{{{1}}}}");
        }

        whatsApp.Graph.AddTemplate(WhatsAppGatewayFixture.WabaId, WhatsAppGatewayFixture.Token, "going_away", "en_US", "Soon gone", status: "REJECTED", category: "MARKETING");
        var firstSync = await admin.PostAsync("/api/v1/admin/whatsapp-templates/sync");
        var first = await ListAsync(admin);
        whatsApp.Graph.RemoveTemplate(WhatsAppGatewayFixture.WabaId, "going_away", "en_US");
        whatsApp.Graph.AddTemplate(WhatsAppGatewayFixture.WabaId, WhatsAppGatewayFixture.Token, "synced_007", "en_US", "Changed {{1}} and {{2}}", status: "PAUSED");
        var secondSync = await admin.PostAsync("/api/v1/admin/whatsapp-templates/sync");
        var second = await ListAsync(admin);

        Assert.Equal(HttpStatusCode.OK, firstSync.StatusCode);
        Assert.Contains(first, t => t.GetProperty("name").GetString() == "synced_104");
        Assert.Contains(first, t => t.GetProperty("name").GetString() == "synced_000" && t.GetProperty("synced").GetBoolean());
        Assert.Equal("REJECTED", first.Single(t => t.GetProperty("name").GetString() == "going_away").GetProperty("status").GetString());
        Assert.Equal(["1"], first.Single(t => t.GetProperty("name").GetString() == "synced_007").GetProperty("placeholders").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains(first, t => t.GetProperty("name").GetString() == "hand_made" && !t.GetProperty("synced").GetBoolean());
        Assert.True(whatsApp.Graph.Calls.Count(c => c.Path == $"{WhatsAppGatewayFixture.WabaId}/message_templates") >= 2, "read page by page");
        Assert.Equal(HttpStatusCode.OK, secondSync.StatusCode);
        Assert.DoesNotContain(second, t => t.GetProperty("name").GetString() == "going_away");
        var changed = second.Single(t => t.GetProperty("name").GetString() == "synced_007");
        Assert.Equal("PAUSED", changed.GetProperty("status").GetString());
        Assert.Equal(["1", "2"], changed.GetProperty("placeholders").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains(second, t => t.GetProperty("name").GetString() == "hand_made");
    }

    [Fact]
    public async Task Registering_checks_each_field_and_names_it()
    {
        using var admin = await SignInAsync();

        var badName = await admin.PostAsync("/api/v1/admin/whatsapp-templates", new { name = "Order Update", language = "en", category = "UTILITY", body = "Hi" });
        var badLanguage = await admin.PostAsync("/api/v1/admin/whatsapp-templates", new { name = "order_update", language = "english", category = "UTILITY", body = "Hi" });
        var badCategory = await admin.PostAsync("/api/v1/admin/whatsapp-templates", new { name = "order_update", language = "en", category = "SPAM", body = "Hi" });
        var noBody = await admin.PostAsync("/api/v1/admin/whatsapp-templates", new { name = "order_update", language = "en", category = "UTILITY", body = "" });
        var good = await admin.PostAsync("/api/v1/admin/whatsapp-templates", new { name = "order_update", language = "en", category = "utility", body = "Hi {{1}}" });

        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains("name:", await badName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);
        Assert.Contains("language:", await badLanguage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);
        Assert.Contains("category:", await badCategory.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Contains("body:", await noBody.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        var saved = await good.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("APPROVED", saved.GetProperty("status").GetString());
        Assert.Equal("UTILITY", saved.GetProperty("category").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync("/api/v1/admin/whatsapp-templates/order_update/en")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.DeleteAsync("/api/v1/admin/whatsapp-templates/order_update/en")).StatusCode);
    }

    internal static async Task<ApiSession> SignInAsync(WhatsAppGatewayFixture whatsApp) =>
        await ApiSession.SignInAsync(whatsApp.App.CreateClient(), "shop", "admin", "admin-password");

    internal static async Task RegisterAsync(WhatsAppGatewayFixture whatsApp, string name, string language, string body, string status = "APPROVED", string category = "UTILITY")
    {
        using var admin = await SignInAsync(whatsApp);
        (await admin.PostAsync("/api/v1/admin/whatsapp-templates", new { name, language, status, category, body })).EnsureSuccessStatusCode();
    }

    private async Task<ApiSession> SignInAsync() => await ApiSession.SignInAsync(whatsApp.App.CreateClient(), "shop", "admin", "admin-password");

    private Task RegisterAsync(string name, string language, string body, string status = "APPROVED", string category = "UTILITY") =>
        RegisterAsync(whatsApp, name, language, body, status, category);

    private static async Task<List<JsonElement>> ListAsync(ApiSession session) => [.. (await session.GetAsync("/api/v1/whatsapp-templates")).EnumerateArray()];

    private static Task<HttpResponseMessage> SendTemplateAsync(ApiSession session, Guid conversation, string name, string language, string[] parameters) =>
        session.PostAsync($"/api/v1/conversations/{conversation}/messages", new { template = new { name, language, parameters } });

    private Task<Guid> ConversationIdAsync(string waId) => ConversationIdAsync(whatsApp, waId);

    /// <summary>The one template message the Cloud API stand-in received for <paramref name="waId"/>, once it arrived.</summary>
    internal static async Task<GraphCall> SentTemplateAsync(WhatsAppGatewayFixture whatsApp, string waId)
    {
        await Eventually.HoldsAsync(() => Task.FromResult(whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, waId).Any(c => c.Field("type") == "template")),
            "the template sent through the Cloud API");
        return whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, waId).Single(c => c.Field("type") == "template");
    }

    internal static async Task<Guid> ConversationIdAsync(WhatsAppGatewayFixture whatsApp, string waId)
    {
        var identity = whatsApp.App.Grains.GetGrain<IChannelIdentityGrain>(
            new ChannelIdentityKey(whatsApp.TenantId, ChannelKind.WhatsApp, WhatsAppGatewayFixture.PhoneNumberId, waId).ToGrainKey());
        Guid? found = null;
        await Eventually.HoldsAsync(async () =>
        {
            if (await identity.GetCustomerIdAsync() is { } customerId
                && (await whatsApp.App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(whatsApp.TenantId, customerId).ToGrainKey()).GetProfileAsync())?.CurrentConversationId is { } id)
            {
                found = id;
            }

            return found is not null;
        }, "the customer's conversation");
        return found!.Value;
    }
}
