using System.Net;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Channels;
using Conversations.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>Telegram webhook → grains → durable store → bot reply through the outbox → Bot API stand-in.</summary>
public sealed class TelegramWebhookTests(TelegramGatewayFixture telegram) : IClassFixture<TelegramGatewayFixture>
{
    [Fact]
    public async Task A_text_message_is_stored_once_and_the_bot_reply_reaches_the_bot_api_once()
    {
        var user = Fixture.NewUserId();

        var response = await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "Здравствуйте"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await telegram.HistoryAsync(user);
        Assert.Equal("Здравствуйте", ((TextContent)history.First(m => m.Direction == MessageDirection.Customer).Content).Text);
        await Eventually.HoldsAsync(() => telegram.RepliesTo(user).Count == 1, "the bot's reply at the Bot API");
        Assert.Equal(history.Single(m => m.Direction == MessageDirection.Bot).Content.ToPlainText(), telegram.RepliesTo(user)[0].Field("text"));
    }

    [Fact]
    public async Task Five_redeliveries_of_one_update_store_one_message_and_send_one_reply()
    {
        var user = Fixture.NewUserId();
        var update = Fixture.Load("text", user, text: "only once");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await telegram.PostUpdateAsync(update)).StatusCode);
        }

        await Eventually.HoldsAsync(() => telegram.RepliesTo(user).Count >= 1, "the bot's reply");
        var history = await telegram.HistoryAsync(user);
        Assert.Single(history, m => m.Direction == MessageDirection.Customer);
        Assert.Single(history, m => m.Direction == MessageDirection.Bot);
        await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "status Sent");
        Assert.Single(telegram.RepliesTo(user));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    public async Task A_missing_or_wrong_secret_is_refused_and_nothing_is_stored(string? secret)
    {
        var user = Fixture.NewUserId();

        var response = await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "forged"), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await telegram.Identity(user).GetCustomerIdAsync());
    }

    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"update_id\": \"not a number\"}")]
    public async Task Malformed_json_is_a_400_with_problem_details(string body)
    {
        var response = await telegram.PostUpdateAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Telegram.Bot", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_bot_and_a_wrong_secret_get_the_same_answer_so_bot_ids_cannot_be_probed()
    {
        var update = Fixture.Load("text", Fixture.NewUserId());
        using var unknownBot = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram/123")
        {
            Content = new StringContent(update, System.Text.Encoding.UTF8, "application/json"),
        };
        unknownBot.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "wrong-secret");

        var unknown = await telegram.Http.SendAsync(unknownBot);
        var wrongSecret = await telegram.PostUpdateAsync(update, "wrong-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(Without(await wrongSecret.Content.ReadAsStringAsync()), Without(await unknown.Content.ReadAsStringAsync()));

        // The trace id differs per request; everything else must be identical.
        static string Without(string problem) => System.Text.RegularExpressions.Regex.Replace(problem, "\"traceId\":\"[^\"]*\"", "");
    }

    [Fact]
    public async Task A_button_press_is_stored_and_its_callback_query_answered()
    {
        var user = Fixture.NewUserId();
        var updateId = Fixture.NewUpdateId();

        await telegram.PostUpdateAsync(Fixture.Load("callback_query", user, updateId));

        var press = Assert.IsType<ButtonPressContent>((await telegram.HistoryAsync(user)).First(m => m.Direction == MessageDirection.Customer).Content);
        Assert.Equal("menu:orders", press.Payload);
        await Eventually.HoldsAsync(() => telegram.BotApi.Succeeded("answerCallbackQuery").Any(c => c.Field("callback_query_id") == $"cbq-{updateId}"),
            "answerCallbackQuery for the press");
    }

    [Fact]
    public async Task An_edit_updates_the_stored_message_and_keeps_the_earlier_text()
    {
        var user = Fixture.NewUserId();
        await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "where is my ordr", messageId: 55));

        await telegram.PostUpdateAsync(Fixture.Load("edited_message", user, text: "where is my order", messageId: 55));

        var message = (await telegram.HistoryAsync(user)).First(m => m.Direction == MessageDirection.Customer);
        Assert.Equal("where is my order", ((TextContent)message.Content).Text);
        Assert.NotNull(message.EditedAt);
        var revisions = await telegram.App.Store.ReadRevisionsAsync(telegram.TenantId, message.ConversationId, message.Seq);
        Assert.Equal("where is my ordr", ((TextContent)Assert.Single(revisions)).Text);
    }

    [Fact]
    public async Task Blocking_the_bot_marks_the_identity_unreachable()
    {
        var user = Fixture.NewUserId();
        await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "hi"));

        await telegram.PostUpdateAsync(Fixture.Load("my_chat_member_kicked", user));

        var profile = await telegram.CustomerAsync(user);
        Assert.True(Assert.Single(profile!.Identities).Unreachable);
    }

    [Fact]
    public async Task A_sticker_is_stored_as_unsupported_and_answered_politely()
    {
        var user = Fixture.NewUserId();

        await telegram.PostUpdateAsync(Fixture.Load("sticker", user));

        var stored = (await telegram.HistoryAsync(user)).First(m => m.Direction == MessageDirection.Customer);
        Assert.Equal("sticker", Assert.IsType<UnsupportedContent>(stored.Content).Kind);
        await Eventually.HoldsAsync(() => telegram.RepliesTo(user).Count == 1, "the polite reply");
        Assert.Contains("sticker", telegram.RepliesTo(user)[0].Field("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_chat_message_is_acknowledged_and_ignored()
    {
        var user = Fixture.NewUserId();

        var response = await telegram.PostUpdateAsync(Fixture.Load("group_message", user));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await telegram.Identity(user).GetCustomerIdAsync());
    }

    [Fact]
    public async Task A_shared_contact_puts_the_phone_on_the_customer_profile()
    {
        var user = Fixture.NewUserId();

        await telegram.PostUpdateAsync(Fixture.Load("contact", user));

        Assert.Equal(["+79001234567"], (await telegram.CustomerAsync(user))!.Phones);
    }
}
