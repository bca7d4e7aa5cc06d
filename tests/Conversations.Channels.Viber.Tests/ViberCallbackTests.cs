using System.Net;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;

namespace Conversations.Channels.Viber.Tests;

/// <summary>Viber callbacks → grains → durable store → bot reply through the outbox → Viber API stand-in.</summary>
public sealed class ViberCallbackTests(ViberGatewayFixture viber) : IClassFixture<ViberGatewayFixture>
{
    [Fact]
    public async Task Connecting_checks_the_token_then_sets_the_webhook_with_the_event_types_after_answering_vibers_check()
    {
        Assert.Single(viber.Viber.Succeeded("get_account_info"));
        var webhook = viber.Viber.WebhookOf(ViberGatewayFixture.BotId);
        Assert.NotNull(webhook);
        Assert.Equal("https://bots.example.com" + ViberGatewayFixture.WebhookPath, (string?)webhook["url"]);
        Assert.Equal<string>(["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"],
            webhook["event_types"]!.AsArray().Select(e => (string)e!).ToList());
        Assert.True((bool?)webhook["send_name"]);
        // The stand-in posted Viber's signed "webhook" check to the app before accepting set_webhook.
        var check = viber.Viber.Deliveries.First();
        Assert.Contains("\"event\":\"webhook\"", System.Text.Encoding.UTF8.GetString(check.Body), StringComparison.Ordinal);
        Assert.Contains("February 2024", (string?)viber.Connection["note"], StringComparison.Ordinal);
        var account = await viber.AccountAsync();
        Assert.Equal(ViberGatewayFixture.BotName, account!.Settings![ViberSender.SenderNameSetting]);
    }

    [Fact]
    public async Task Connecting_with_a_token_viber_refuses_is_a_400_naming_the_token()
    {
        var response = await viber.Http.PostAsync("/api/v1/platform/tenants/shop/viber-bots",
            new StringContent("{\"token\":\"0000000000000000-0000000000000000-0000000000000000\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_started_is_answered_with_the_tenants_welcome_text_in_the_body_and_nothing_is_stored()
    {
        var user = ViberGatewayFixture.NewUserId();

        var response = await viber.CallbackAsync(viber.Viber.EventCallback("conversation_started", user));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("text", (string?)welcome["type"]);
        Assert.Equal(TenantTexts.Defaults[TenantTexts.ViberWelcome], (string?)welcome["text"]); // the tenant speaks Russian by default
        Assert.Equal(ViberGatewayFixture.BotName, (string?)welcome["sender"]!["name"]);
        Assert.Null(welcome["receiver"]);
        Assert.Null(await viber.Identity(user).GetCustomerIdAsync());
    }

    [Fact]
    public async Task A_message_is_stored_once_across_vibers_retries_and_the_bot_reply_goes_out_once_with_the_sender_name()
    {
        var user = ViberGatewayFixture.NewUserId();

        var first = await viber.CallbackAsync(viber.Text(user, "Здравствуйте"));
        var retried = await viber.Viber.RedeliverAsync(viber.Http, viber.Viber.Deliveries[^1]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var history = await viber.HistoryAsync(user);
        Assert.Equal("Здравствуйте", ((TextContent)Assert.Single(history, m => m.Direction == MessageDirection.Customer).Content).Text);
        await Eventually.HoldsAsync(() => viber.Viber.SeenBy(user).Count == 1, "the bot's reply in the customer's Viber chat");
        await Eventually.HoldsAsync(async () => (await viber.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "status Sent");
        Assert.Equal(ViberGatewayFixture.BotName, (string?)viber.Viber.SeenBy(user)[0]["sender"]!["name"]);
    }

    [Fact]
    public async Task A_keyboard_reply_with_our_tracking_data_is_stored_as_the_buttons_payload()
    {
        var user = ViberGatewayFixture.NewUserId();

        await viber.CallbackAsync(viber.Text(user, "Оплата", "{\"b\":{\"Доставка\":\"menu:delivery\",\"Оплата\":\"menu:pay\"}}"));

        var press = Assert.IsType<ButtonPressContent>(Assert.Single(await viber.HistoryAsync(user), m => m.Direction == MessageDirection.Customer).Content);
        Assert.Equal(("menu:pay", "Оплата"), (press.Payload, press.Label));
    }

    [Fact]
    public async Task Unsubscribed_makes_the_customer_unreachable_then_a_reply_refused_with_status_6_is_blocked_and_subscribed_makes_them_reachable()
    {
        var user = ViberGatewayFixture.NewUserId();
        await viber.CallbackAsync(viber.Text(user, "hello"));
        await Eventually.HoldsAsync(() => viber.Viber.SeenBy(user).Count == 1, "the first reply");

        viber.Viber.SetUnsubscribed(ViberGatewayFixture.BotId, user, unsubscribed: true);
        Assert.Equal(HttpStatusCode.OK, (await viber.CallbackAsync(viber.Viber.EventCallback("unsubscribed", user))).StatusCode);
        await Eventually.HoldsAsync(async () => (await viber.CustomerAsync(user))!.Identities.Single().Unreachable, "identity unreachable after unsubscribed");

        // A message that still reaches us (sent before the unsubscribe) is stored; the bot's answer is refused with 6.
        await viber.CallbackAsync(viber.Text(user, "one more"));
        await Eventually.HoldsAsync(async () => (await viber.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Blocked, "the reply Blocked");
        Assert.Contains("6 receiverNotSubscribed", (await viber.DeliveryOfLastBotMessageAsync(user))!.LastError, StringComparison.Ordinal);
        Assert.Single(viber.Viber.SeenBy(user));

        viber.Viber.SetUnsubscribed(ViberGatewayFixture.BotId, user, unsubscribed: false);
        await viber.CallbackAsync(viber.Viber.EventCallback("subscribed", user));
        await Eventually.HoldsAsync(async () => !(await viber.CustomerAsync(user))!.Identities.Single().Unreachable, "identity reachable after subscribed");
    }

    [Fact]
    public async Task Delivery_receipts_are_acknowledged_and_store_nothing()
    {
        var user = ViberGatewayFixture.NewUserId();

        foreach (var receipt in new[] { "delivered", "seen", "failed" })
        {
            var response = await viber.CallbackAsync(viber.Viber.EventCallback(receipt, user));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Null(await viber.Identity(user).GetCustomerIdAsync());
    }

    [Fact]
    public async Task Delivered_and_seen_receipts_move_the_bots_reply_forward_and_a_late_delivered_never_back()
    {
        var user = ViberGatewayFixture.NewUserId();
        await viber.CallbackAsync(viber.Text(user, "hello"));
        await Eventually.HoldsAsync(async () => (await viber.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "the reply sent");
        var token = (long)viber.Viber.Succeeded("send_message").Last(c => c.Field("receiver") == user).Answer["message_token"]!;

        Assert.Equal(HttpStatusCode.OK, (await viber.CallbackAsync(viber.Viber.EventCallback("delivered", user, token))).StatusCode);
        Assert.Equal(DeliveryStatus.Delivered, (await viber.DeliveryOfLastBotMessageAsync(user))!.Status);

        await viber.CallbackAsync(viber.Viber.EventCallback("seen", user, token));
        Assert.Equal(DeliveryStatus.Read, (await viber.DeliveryOfLastBotMessageAsync(user))!.Status);

        await viber.CallbackAsync(viber.Viber.EventCallback("delivered", user, token));
        Assert.Equal(DeliveryStatus.Read, (await viber.DeliveryOfLastBotMessageAsync(user))!.Status);
    }

    [Fact]
    public async Task A_failed_receipt_fails_only_the_message_viber_names_with_its_description_and_a_failed_one_stays_failed()
    {
        var user = ViberGatewayFixture.NewUserId();
        await viber.CallbackAsync(viber.Text(user, "hello"));
        await Eventually.HoldsAsync(async () => (await viber.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "the reply sent");
        var token = (long)viber.Viber.Succeeded("send_message").Last(c => c.Field("receiver") == user).Answer["message_token"]!;

        var unknown = await viber.CallbackAsync(viber.Viber.EventCallback("failed", user, token + 1_000_000, "not ours"));
        Assert.Equal(DeliveryStatus.Sent, (await viber.DeliveryOfLastBotMessageAsync(user))!.Status);

        Assert.Equal(HttpStatusCode.OK, (await viber.CallbackAsync(viber.Viber.EventCallback("failed", user, token, "Receiver is not subscribed"))).StatusCode);
        var failed = (await viber.DeliveryOfLastBotMessageAsync(user))!;
        await viber.CallbackAsync(viber.Viber.EventCallback("seen", user, token));

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Contains("Receiver is not subscribed", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Failed, (await viber.DeliveryOfLastBotMessageAsync(user))!.Status);
    }
}
