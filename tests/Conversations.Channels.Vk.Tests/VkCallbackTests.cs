using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Messages;
using Conversations.Testing;

namespace Conversations.Channels.Vk.Tests;

/// <summary>VK Callback API → grains → durable store → bot reply through the outbox → VK API stand-in.</summary>
public sealed class VkCallbackTests(VkGatewayFixture vk) : IClassFixture<VkGatewayFixture>
{
    [Fact]
    public async Task Connecting_provisions_the_callback_server_with_a_secret_and_turns_the_message_events_on()
    {
        var added = vk.Vk.Succeeded("groups.addCallbackServer")[^1];
        Assert.Equal("https://bots.example.com/webhooks/vk/" + VkGatewayFixture.GroupId, added.Field("url"));
        Assert.InRange(added.Field("secret_key")!.Length, 24, 50);
        Assert.Equal("5.199", added.Field("v"));

        var settings = vk.Vk.Succeeded("groups.setCallbackSettings")[^1];
        Assert.Equal("5.199", settings.Field("api_version"));
        Assert.Equal("1", settings.Field("server_id"));
        foreach (var flag in new[] { "message_new", "message_reply", "message_edit", "message_event", "message_allow", "message_deny" })
        {
            Assert.Equal("1", settings.Field(flag));
        }
    }

    [Fact]
    public async Task Confirmation_is_answered_with_the_code_vk_gives_now_not_a_cached_one()
    {
        vk.Vk.ConfirmationCode = "first123";
        var first = await vk.NotifyAsync(vk.Notification("confirmation", null));
        vk.Vk.ConfirmationCode = "second45"; // VK changes the code when the server's settings change
        var second = await vk.NotifyAsync(vk.Notification("confirmation", null));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("first123", await first.Content.ReadAsStringAsync());
        Assert.Equal("second45", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Confirmation_with_a_wrong_secret_is_refused_without_asking_vk()
    {
        var before = vk.Vk.CallsOf("groups.getCallbackConfirmationCode").Count;

        var response = await vk.Vk.NotifyAsync(vk.Http, VkGatewayFixture.GroupId,
            vk.Vk.Notification(VkGatewayFixture.GroupId, "confirmation", null, "not-the-secret"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, vk.Vk.CallsOf("groups.getCallbackConfirmationCode").Count);
    }

    [Fact]
    public async Task A_notification_for_another_community_under_this_url_is_refused()
    {
        var user = VkGatewayFixture.NewUserId();
        var body = vk.Vk.Notification(VkGatewayFixture.GroupId + 1, "message_new", VkGatewayFixture.MessageNew(user, "hi"), vk.Secret);

        var response = await vk.NotifyAsync(body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await vk.Identity(user).GetCustomerIdAsync());
    }

    [Fact]
    public async Task A_message_is_answered_ok_stored_once_across_vk_retries_and_the_bot_reply_goes_out_once()
    {
        var user = VkGatewayFixture.NewUserId();
        var body = vk.Notification("message_new", VkGatewayFixture.MessageNew(user, "Здравствуйте"));

        var first = await vk.NotifyAsync(body);
        // VK repeats a notification it got no "ok" for, with the same event_id and X-Retry-Counter: processed, stored once.
        var retried = await vk.Vk.RetryAsync(vk.Http, vk.Vk.Deliveries[^1], 1);
        var again = await vk.Vk.RetryAsync(vk.Http, vk.Vk.Deliveries[^1], 2);

        foreach (var response in new[] { first, retried, again })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        }

        var history = await vk.HistoryAsync(user);
        Assert.Equal("Здравствуйте", ((TextContent)Assert.Single(history, m => m.Direction == MessageDirection.Customer).Content).Text);
        await Eventually.HoldsAsync(() => vk.Vk.SeenBy(user).Count == 1, "the bot's reply in the customer's VK chat");
        await Eventually.HoldsAsync(async () => (await vk.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "status Sent");
        Assert.Single(vk.Vk.SeenBy(user));
    }

    [Fact]
    public async Task A_callback_button_press_is_stored_and_its_event_answered_after()
    {
        var user = VkGatewayFixture.NewUserId();
        var press = new JsonObject
        {
            ["user_id"] = user, ["peer_id"] = user, ["event_id"] = "b7e2c4a19f03", ["payload"] = new JsonObject { ["p"] = "menu:operator" }, ["conversation_message_id"] = 5,
        };

        var response = await vk.NotifyAsync(vk.Notification("message_event", press));

        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        var stored = Assert.Single(await vk.HistoryAsync(user), m => m.Direction == MessageDirection.Customer);
        Assert.Equal("menu:operator", ((ButtonPressContent)stored.Content).Payload);
        await Eventually.HoldsAsync(() => vk.Vk.Succeeded("messages.sendMessageEventAnswer").Any(c => c.Field("event_id") == "b7e2c4a19f03"),
            "messages.sendMessageEventAnswer for the press");
        var answer = vk.Vk.Succeeded("messages.sendMessageEventAnswer").Single(c => c.Field("event_id") == "b7e2c4a19f03");
        Assert.Equal(user.ToString(CultureInfo.InvariantCulture), answer.Field("user_id"));
        Assert.Equal(user.ToString(CultureInfo.InvariantCulture), answer.Field("peer_id"));
    }

    [Fact]
    public async Task A_message_reply_is_acknowledged_but_never_stored_as_the_customers_nor_answered()
    {
        var user = VkGatewayFixture.NewUserId();
        var reply = VkGatewayFixture.MessageNew(user, "typed by an admin in VK")["message"]!.AsObject();
        reply["from_id"] = -VkGatewayFixture.GroupId;
        reply["out"] = 1;
        var sendsBefore = vk.Vk.CallsOf("messages.send").Count;

        var response = await vk.NotifyAsync(vk.Notification("message_reply", (JsonObject)reply.DeepClone()));

        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Null(await vk.Identity(user).GetCustomerIdAsync());
        Assert.Equal(sendsBefore, vk.Vk.CallsOf("messages.send").Count);
    }

    [Fact]
    public async Task A_reply_an_admin_typed_in_vk_is_stored_once_as_an_operator_message_and_never_sent_by_us()
    {
        var user = VkGatewayFixture.NewUserId();
        await vk.NotifyAsync(vk.Notification("message_new", VkGatewayFixture.MessageNew(user, "hello")));
        await Eventually.HoldsAsync(() => vk.Vk.SeenBy(user).Count == 1, "the bot's reply");
        var reply = VkGatewayFixture.MessageNew(user, "Ответ менеджера")["message"]!.AsObject();
        reply["from_id"] = -VkGatewayFixture.GroupId;
        reply["out"] = 1;
        reply["admin_author_id"] = 1_234_567;

        var first = await vk.NotifyAsync(vk.Notification("message_reply", (JsonObject)reply.DeepClone()));
        var retried = await vk.Vk.RetryAsync(vk.Http, vk.Vk.Deliveries[^1], 1);

        Assert.Equal("ok", await first.Content.ReadAsStringAsync());
        Assert.Equal("ok", await retried.Content.ReadAsStringAsync());
        var stored = Assert.Single(await vk.HistoryAsync(user), m => m.Direction == MessageDirection.Operator);
        Assert.Equal("Ответ менеджера", ((TextContent)stored.Content).Text);
        Assert.Empty(await vk.App.Outbox.GetDeliveryAsync(vk.TenantId, [stored.MessageId])); // no outbox row: nothing to send
        Assert.DoesNotContain(vk.SendsTo(user), c => c.Field("message") == "Ответ менеджера");
    }

    [Fact]
    public async Task Message_deny_makes_the_customer_unreachable_and_a_reply_is_refused_with_901_then_message_allow_lets_replies_through()
    {
        var user = VkGatewayFixture.NewUserId();
        var group = VkGatewayFixture.GroupId;

        await vk.NotifyAsync(vk.Notification("message_new", VkGatewayFixture.MessageNew(user, "hello")));
        await Eventually.HoldsAsync(() => vk.Vk.SeenBy(user).Count == 1, "the first reply");

        vk.Vk.SetDenied(group, user, denied: true);
        Assert.Equal("ok", await (await vk.NotifyAsync(vk.Notification("message_deny", new JsonObject { ["user_id"] = user }))).Content.ReadAsStringAsync());
        await Eventually.HoldsAsync(async () => (await vk.CustomerAsync(user))!.Identities.Single().Unreachable, "identity unreachable after message_deny");

        // A button press still reaches us; the bot's answer to it is refused by VK with 901 and not retried.
        await vk.NotifyAsync(vk.Notification("message_event", new JsonObject
        {
            ["user_id"] = user, ["peer_id"] = user, ["event_id"] = "d1", ["payload"] = new JsonObject { ["p"] = "menu:x" },
        }));
        await Eventually.HoldsAsync(async () => (await vk.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Blocked, "the reply Blocked");
        Assert.Contains("901", (await vk.DeliveryOfLastBotMessageAsync(user))!.LastError, StringComparison.Ordinal);
        Assert.Single(vk.Vk.SeenBy(user));

        vk.Vk.SetDenied(group, user, denied: false);
        await vk.NotifyAsync(vk.Notification("message_allow", new JsonObject { ["user_id"] = user, ["key"] = "promo" }));
        await Eventually.HoldsAsync(async () => !(await vk.CustomerAsync(user))!.Identities.Single().Unreachable, "identity reachable after message_allow");
        await vk.NotifyAsync(vk.Notification("message_new", VkGatewayFixture.MessageNew(user, "hello again")));
        await Eventually.HoldsAsync(() => vk.Vk.SeenBy(user).Count == 2, "the reply after message_allow");
    }

    [Fact]
    public async Task A_send_vk_carried_out_but_whose_answer_was_lost_is_retried_with_the_same_random_id_and_the_customer_sees_it_once()
    {
        var user = VkGatewayFixture.NewUserId();
        vk.Vk.LoseNextAnswer("messages.send", user);

        await vk.NotifyAsync(vk.Notification("message_new", VkGatewayFixture.MessageNew(user, "hello")));
        await Eventually.HoldsAsync(async () => (await vk.DeliveryOfLastBotMessageAsync(user)) is { Status: DeliveryStatus.Pending, Attempts: 1 },
            "the attempt whose answer was lost recorded as failed, a retry scheduled");
        Assert.Single(vk.Vk.SeenBy(user)); // VK delivered it: the customer already sees it

        await Eventually.AdvanceUntilAsync(vk.Clock, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2),
            async () => (await vk.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "the retry");

        var sends = vk.SendsTo(user);
        Assert.Equal(2, sends.Count);
        Assert.Equal(sends[0].Field("random_id"), sends[1].Field("random_id"));
        Assert.Single(vk.Vk.SeenBy(user));
        Assert.Equal(2, (await vk.DeliveryOfLastBotMessageAsync(user))!.Attempts);
    }

    [Fact]
    public async Task Too_many_requests_waits_and_then_the_reply_goes_out_once()
    {
        var user = VkGatewayFixture.NewUserId();
        vk.Vk.FailNext("messages.send", 6, "Too many requests per second", peerId: user);

        await vk.NotifyAsync(vk.Notification("message_new", VkGatewayFixture.MessageNew(user, "hello")));
        await Eventually.HoldsAsync(async () => (await vk.DeliveryOfLastBotMessageAsync(user)) is { Status: DeliveryStatus.Pending, Attempts: 1 }, "the refused attempt");
        Assert.Contains("6:", (await vk.DeliveryOfLastBotMessageAsync(user))!.LastError, StringComparison.Ordinal);

        vk.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(async () => (await vk.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "status Sent");
        Assert.Single(vk.Vk.SeenBy(user));
    }

    [Fact]
    public async Task A_body_with_invalid_utf8_inside_a_string_is_a_400_and_nothing_is_stored()
    {
        var user = VkGatewayFixture.NewUserId();
        var body = System.Text.Encoding.UTF8.GetBytes(vk.Notification("message_new", VkGatewayFixture.MessageNew(user, "broken-here")));
        var at = System.Text.Encoding.UTF8.GetString(body).IndexOf("broken-here", StringComparison.Ordinal);
        body[at + 6] = 0x9D; // a continuation byte with no lead byte

        var response = await vk.Vk.DeliverAsync(vk.Http, $"/webhooks/vk/{VkGatewayFixture.GroupId}", body, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await vk.Identity(user).GetCustomerIdAsync());
    }

    [Fact]
    public async Task Connecting_with_a_token_vk_refuses_is_a_400_naming_the_token()
    {
        var response = await vk.Http.PostAsJsonAsync("/api/v1/platform/tenants/shop/vk-communities",
            new { groupId = 123456, token = "vk1.a.revoked-token-abcdefghijklmnopqrstuvwxyz" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
