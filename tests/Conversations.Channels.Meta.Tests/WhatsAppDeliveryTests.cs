using System.Text;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Channels.Media;
using Conversations.Channels.Meta.WhatsApp;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>Outbound through the real sender against the stand-in, which refuses what the Cloud API refuses.</summary>
public sealed class WhatsAppDeliveryTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    [Fact]
    public async Task The_bot_answers_a_customer_through_the_cloud_api_carrying_our_message_id()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();

        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "hello")));

        await Eventually.HoldsAsync(() => whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, customer).Count > 0, "the bot's reply sent");
        var reply = whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, customer)[0];
        var botMessages = (await whatsApp.HistoryAsync(customer)).Where(m => m.Direction == MessageDirection.Bot).Select(m => m.MessageId.ToString()).ToList();
        Assert.Contains(reply.Field("biz_opaque_callback_data"), botMessages);
        Assert.Equal(WhatsAppGatewayFixture.Token, reply.Token);
    }

    [Fact]
    public async Task Three_options_go_as_reply_buttons()
    {
        var (result, calls) = await SendAsync(new TextContent("Pick one", [new("Delivery", "delivery"), new("Returns", "returns"), new("Operator", "operator")]));

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        var call = Assert.Single(calls);
        Assert.Equal("button", call.Field("interactive.type"));
        Assert.Equal("returns", call.Field("interactive.action.buttons.1.reply.id"));
        Assert.Equal("Returns", call.Field("interactive.action.buttons.1.reply.title"));
    }

    [Fact]
    public async Task Seven_options_go_as_a_list_with_long_labels_whole_in_the_description()
    {
        var long_ = "Where is my order and when will it arrive";
        Button[] buttons = [.. Enumerable.Range(1, 6).Select(i => new Button($"Option {i}", $"opt{i}")), new Button(long_, "where")];

        var (result, calls) = await SendAsync(new TextContent("Pick one", buttons));

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        var call = Assert.Single(calls);
        Assert.Equal("list", call.Field("interactive.type"));
        Assert.Equal("Выбрать", call.Field("interactive.action.button"));
        Assert.Equal("where", call.Field("interactive.action.sections.0.rows.6.id"));
        Assert.Equal(24, call.Field("interactive.action.sections.0.rows.6.title")!.Length);
        Assert.Equal(long_, call.Field("interactive.action.sections.0.rows.6.description"));
    }

    [Fact]
    public async Task Twelve_options_go_as_numbered_text_with_none_dropped()
    {
        Button[] buttons = [.. Enumerable.Range(1, 12).Select(i => new Button($"Option {i}", $"opt{i}"))];

        var (result, calls) = await SendAsync(new TextContent("Pick one", buttons));

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        var text = Assert.Single(calls).Field("text.body")!;
        Assert.All(Enumerable.Range(1, 12), i => Assert.Contains($"{i}. Option {i}", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_goes_as_a_cta_url_button_and_an_image_by_its_url()
    {
        var (link, linkCalls) = await SendAsync(new LinkContent("https://shop.example.com/orders/1", "Your order", "Track it here"));
        var (image, imageCalls) = await SendAsync(new ImageContent("https://shop.example.com/p.jpg", null, "The product"));

        Assert.Equal(DeliveryOutcome.Sent, link.Outcome);
        Assert.Equal("cta_url", Assert.Single(linkCalls).Field("interactive.type"));
        Assert.Equal("https://shop.example.com/orders/1", linkCalls[0].Field("interactive.action.parameters.url"));
        Assert.Equal(DeliveryOutcome.Sent, image.Outcome);
        Assert.Equal("https://shop.example.com/p.jpg", Assert.Single(imageCalls).Field("image.link"));
    }

    [Fact]
    public async Task A_text_longer_than_4096_characters_goes_as_several_messages_none_refused()
    {
        var text = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"line {i} of a long answer"));

        var (result, calls) = await SendAsync(new TextContent(text));

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        Assert.True(calls.Count >= 2);
        Assert.Equal(text.Replace("\n", "", StringComparison.Ordinal), string.Concat(calls.Select(c => c.Field("text.body"))).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_the_window_the_send_is_final_and_says_so()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        whatsApp.Graph.FailNextSend(WhatsAppGatewayFixture.PhoneNumberId, 400, 131047, "Re-engagement message",
            details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

        var (result, _) = await SendAsync(new TextContent("late"), customer);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.Contains("131047", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_rate_limit_waits_four_to_the_attempt_seconds()
    {
        whatsApp.Graph.FailNextSend(WhatsAppGatewayFixture.PhoneNumberId, 400, 131056, "(Business Account, Consumer Account) pair rate limit hit");

        var (result, _) = await SendAsync(new TextContent("again"), attempt: 2);

        Assert.Equal(DeliveryOutcome.RetryAfter, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(16), result.RetryAfter);
    }

    [Fact]
    public async Task A_customers_media_is_downloaded_by_its_media_id_with_the_token()
    {
        var bytes = Encoding.UTF8.GetBytes("pretend-jpeg-bytes");
        whatsApp.Graph.AddMedia("1003383421387256", bytes, "image/jpeg", WhatsAppGatewayFixture.Token);
        var account = (await whatsApp.App.Grains.GetGrain<IChannelAccountGrain>(
            new ChannelAccountKey(ChannelKind.WhatsApp, WhatsAppGatewayFixture.PhoneNumberId).ToGrainKey()).GetAsync())!;
        var source = whatsApp.App.Service<WhatsAppMediaSource>();

        await using var download = await source.DownloadAsync(account, "1003383421387256", CancellationToken.None);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);

        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal("image/jpeg", download.ContentType);
        Assert.Equal(bytes.Length, download.Length);
        await Assert.ThrowsAsync<ChannelMediaUnavailableException>(() => source.DownloadAsync(account, "404404404", CancellationToken.None));
    }

    private async Task<(DeliveryResult Result, IReadOnlyList<GraphCall> Calls)> SendAsync(MessageContent content, string? customer = null, int attempt = 1)
    {
        customer ??= WhatsAppGatewayFixture.NewCustomer();
        var account = (await whatsApp.App.Grains.GetGrain<IChannelAccountGrain>(
            new ChannelAccountKey(ChannelKind.WhatsApp, WhatsAppGatewayFixture.PhoneNumberId).ToGrainKey()).GetAsync())!;
        var message = new OutboundMessage(Guid.NewGuid(), whatsApp.TenantId, Guid.NewGuid(),
            new ChannelAddress(ChannelKind.WhatsApp, WhatsAppGatewayFixture.PhoneNumberId, customer), content, attempt, false);
        var result = await whatsApp.App.Service<WhatsAppSender>().SendAsync(account, message, CancellationToken.None);
        return (result, whatsApp.Graph.Calls.Where(c => c.Path.EndsWith("/messages", StringComparison.Ordinal) && c.Field("to") == customer).ToList());
    }
}
