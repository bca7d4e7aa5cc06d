using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// An operator's file uploaded through the API reaches each Meta channel as the same bytes: WhatsApp through its media
/// upload and a message by the returned id, Messenger and Instagram through the Send API's <c>filedata</c>; a file a
/// channel does not take fails for good with the channel's rule.
/// </summary>
public sealed class MetaOperatorUploadTests(WhatsAppGatewayFixture whatsApp, MessengerConformanceDriver meta)
    : IClassFixture<WhatsAppGatewayFixture>, IClassFixture<MessengerConformanceDriver>
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj <<>> endobj\n"u8.ToArray(), .. Enumerable.Range(0, 40_000).Select(i => (byte)(i * 7)), .. "\n%%EOF"u8.ToArray()];

    [Fact]
    public async Task WhatsApp_uploads_the_document_to_its_media_endpoint_and_sends_it_by_id_with_its_filename()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "send me the invoice")));
        var conversation = await ValueAsync(async () => (await whatsApp.HistoryAsync(customer)).FirstOrDefault()?.ConversationId, "the customer's conversation");

        await SendFileAsync(whatsApp.App, conversation, Pdf, "invoice-42.pdf", "Your invoice");

        GraphCall? sent = null;
        await Eventually.HoldsAsync(() => (sent = whatsApp.Graph.Calls.LastOrDefault(c => c.Path == $"{WhatsAppGatewayFixture.PhoneNumberId}/messages"
            && c.Field("to") == customer && c.Field("type") == "document" && c.Answered == 200)) is not null, "the document message accepted");
        var upload = Assert.Single(whatsApp.Graph.Uploads, u => u.Reference == sent!.Field("document.id"));
        Assert.Equal(Pdf, upload.Bytes);
        Assert.Equal("application/pdf", upload.ContentType);
        Assert.Equal("whatsapp", upload.Fields["messaging_product"]!.ToString());
        Assert.Equal("invoice-42.pdf", sent!.Field("document.filename"));
        Assert.Equal("Your invoice", sent.Field("document.caption"));
    }

    [Fact]
    public async Task WhatsApp_sends_a_png_as_an_image_and_refuses_a_gif_for_good_with_its_rule()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "photo please")));
        var conversation = await ValueAsync(async () => (await whatsApp.HistoryAsync(customer)).FirstOrDefault()?.ConversationId, "the customer's conversation");

        await SendFileAsync(whatsApp.App, conversation, MessengerMedia.Png, "box.png", null);
        GraphCall? sent = null;
        await Eventually.HoldsAsync(() => (sent = whatsApp.Graph.Calls.LastOrDefault(c => c.Field("to") == customer && c.Field("type") == "image" && c.Answered == 200)) is not null,
            "the image message accepted");
        Assert.Equal(MessengerMedia.Png, Assert.Single(whatsApp.Graph.Uploads, u => u.Reference == sent!.Field("image.id")).Bytes);

        var gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"); // a 1×1 GIF
        await SendFileAsync(whatsApp.App, conversation, gif, "dance.gif", null);
        // WhatsApp's pacing holds a second message to the same person a moment on the fixture's clock.
        await Eventually.AdvanceUntilAsync(whatsApp.Clock, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), async () =>
        {
            var ids = (await whatsApp.HistoryAsync(customer)).Where(m => m.Direction == MessageDirection.Operator).Select(m => m.MessageId).ToList();
            return (await whatsApp.App.Outbox.GetDeliveryAsync(whatsApp.TenantId, ids)).Values.Any(d => d is { Status: DeliveryStatus.Failed, LastError: { } error }
                && error.Contains("WhatsApp", StringComparison.Ordinal) && error.Contains("JPEG or PNG", StringComparison.Ordinal));
        }, "the GIF failed with WhatsApp's rule");
        Assert.DoesNotContain(whatsApp.Graph.Uploads, u => u.ContentType == "image/gif");
    }

    [Fact]
    public async Task Messenger_uploads_the_image_as_filedata_of_a_send_and_the_caption_follows_as_text()
    {
        var customer = MessengerPlatformDriver.NewCustomer();
        var conversation = await WriteAsync("page", MessengerPlatformDriver.PageId, ChannelKind.Messenger, customer);

        await SendFileAsync(meta.App, conversation, MessengerMedia.Png, "box.png", "The box as it arrived");

        await Eventually.HoldsAsync(() => meta.Graph.PageSentTo(MessengerPlatformDriver.PageId, customer).Any(c => c.Field("message.text") == "The box as it arrived"),
            "the caption sent after the image");
        var upload = Assert.Single(meta.Graph.Uploads, u => u.Account == MessengerPlatformDriver.PageId && u.Reference == customer);
        Assert.Equal(MessengerMedia.Png, upload.Bytes);
        Assert.Equal("image", upload.Type);
        Assert.Equal("image/png", upload.ContentType);
        Assert.Equal("box.png", upload.FileName);
        Assert.Equal("RESPONSE", upload.Fields["messaging_type"]!.ToString());
    }

    [Fact]
    public async Task Instagram_uploads_the_pdf_as_a_file_attachment_of_a_send()
    {
        var customer = MessengerPlatformDriver.NewCustomer();
        var conversation = await WriteAsync("instagram", MessengerPlatformDriver.InstagramId, ChannelKind.Instagram, customer);

        await SendFileAsync(meta.App, conversation, Pdf, "catalogue.pdf", null);

        await Eventually.HoldsAsync(() => meta.Graph.Uploads.Any(u => u.Account == MessengerPlatformDriver.InstagramId && u.Reference == customer), "the PDF at the Send API");
        var upload = Assert.Single(meta.Graph.Uploads, u => u.Account == MessengerPlatformDriver.InstagramId && u.Reference == customer);
        Assert.Equal(Pdf, upload.Bytes);
        Assert.Equal("file", upload.Type);
        Assert.Equal("application/pdf", upload.ContentType);
    }

    private static async Task<Guid> ValueAsync(Func<Task<Guid?>> read, string what)
    {
        Guid? value = null;
        await Eventually.HoldsAsync(async () => (value = await read()) is not null, what);
        return value!.Value;
    }

    /// <summary>The operator's way: upload with <c>POST /api/v1/media</c>, take the chat, reply with the media id.</summary>
    private static async Task SendFileAsync(ConversationsApp app, Guid conversation, byte[] bytes, string name, string? caption)
    {
        using var session = await ApiSession.SignInAsync(app.CreateClient(), "shop", "admin", "admin-password");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        var stored = await (await session.Http.PostAsync("/api/v1/media", form)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        await session.PostAsync($"/api/v1/conversations/{conversation}/take");
        (await session.PostAsync($"/api/v1/conversations/{conversation}/messages", new { mediaId = stored.GetProperty("mediaId").GetGuid(), caption }))
            .EnsureSuccessStatusCode();
    }

    /// <summary>The customer writes to the Page or Instagram account through the signed webhook; their conversation's id.</summary>
    private async Task<Guid> WriteAsync(string platform, string account, ChannelKind kind, string customer)
    {
        var body = GraphApiStandIn.PlatformNotification(platform, GraphApiStandIn.PlatformEntry(account,
            GraphApiStandIn.PlatformEvent(customer, account, "message", new JsonObject { ["mid"] = "m_" + Guid.NewGuid().ToString("N"), ["text"] = "hello" }, meta.Clock.GetUtcNow())));
        (await meta.Graph.DeliverPlatformWebhookAsync(meta.Http, WhatsAppGatewayFixture.AppId, body, WhatsAppGatewayFixture.AppSecret)).EnsureSuccessStatusCode();
        // The bot's disclosure and reply take the chat's burst; the operator writes a little later, as people do.
        await Eventually.HoldsAsync(() => meta.Graph.PageSentTo(account, customer).Count >= 2, "the bot's disclosure and reply");
        meta.Clock.Advance(TimeSpan.FromSeconds(5));
        return await ValueAsync(async () =>
        {
            var identity = meta.App.Grains.GetGrain<IChannelIdentityGrain>(new ChannelIdentityKey(meta.TenantId, kind, account, customer).ToGrainKey());
            return await identity.GetCustomerIdAsync() is { } customerId
                ? (await meta.App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(meta.TenantId, customerId).ToGrainKey()).GetProfileAsync())?.CurrentConversationId
                : null;
        }, "the customer's conversation");
    }
}
