using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Testing;

namespace Conversations.Channels.Vk.Tests;

/// <summary>An operator's stored upload reaches a VK customer from our store's bytes: a PDF as a document, an image as a photo.</summary>
public sealed class VkOperatorFileTests(VkSignedInFixture vk) : IClassFixture<VkSignedInFixture>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    // A 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task An_operator_uploads_a_pdf_through_the_api_and_the_customer_gets_a_vk_document_with_the_same_bytes()
    {
        var user = VkGatewayFixture.NewUserId();
        var conversationId = await ConversationOfAsync(user);
        using var session = await ApiSession.SignInAsync(vk.App.CreateClient(), "shop", "admin", "admin-password");
        var mediaId = await UploadAsync(session, Pdf, "invoice-42.pdf");

        (await session.PostAsync($"/api/v1/conversations/{conversationId}/take")).EnsureSuccessStatusCode();
        var reply = await session.PostAsync($"/api/v1/conversations/{conversationId}/messages", new { mediaId, caption = "Your invoice" });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);

        await Eventually.AdvanceUntilAsync(vk.Clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30),
            () => Task.FromResult(vk.Vk.SeenBy(user).Any(m => m.Attachment?.StartsWith("doc", StringComparison.Ordinal) == true)), "the document in the customer's VK chat");
        var seen = vk.Vk.SeenBy(user).Single(m => m.Attachment?.StartsWith("doc", StringComparison.Ordinal) == true);
        Assert.StartsWith($"doc-{VkGatewayFixture.GroupId}_", seen.Attachment, StringComparison.Ordinal);
        Assert.Equal("Your invoice", seen.Text);
        var doc = vk.Vk.DocOf(seen.Attachment!);
        Assert.NotNull(doc);
        Assert.Equal(Pdf, doc.Value.Bytes);
        Assert.Equal("invoice-42.pdf", doc.Value.Title);
        var upload = Assert.Single(vk.Vk.Succeeded("docs.getMessagesUploadServer"), c => c.Field("peer_id") == Peer(user));
        Assert.Equal("doc", upload.Field("type"));
    }

    [Fact]
    public async Task A_stored_image_goes_through_the_photo_flow_from_the_stored_bytes()
    {
        var user = VkGatewayFixture.NewUserId();
        var mediaId = await StoreAsync(Png, "bouquet.png");

        var result = await SendAsync(user, new ImageContent(null, null, "Your bouquet", null, MediaAttachment.Stored(mediaId, "image/png", Png.Length)));

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        var seen = Assert.Single(vk.Vk.SeenBy(user));
        Assert.StartsWith($"photo-{VkGatewayFixture.GroupId}_", seen.Attachment, StringComparison.Ordinal);
        Assert.Equal(Png, vk.Vk.PhotoOf(seen.Attachment!));
        Assert.Equal("Your bouquet", seen.Text);
    }

    [Fact]
    public async Task A_file_vk_does_not_take_as_a_document_fails_for_good_with_the_reason_and_uploads_nothing()
    {
        var user = VkGatewayFixture.NewUserId();
        byte[] bytes = [.. Pdf, .. "% song"u8]; // bytes of its own: the store keeps one copy (and name) per content
        var mediaId = await StoreAsync(bytes, "song.mp3");
        var uploadsBefore = vk.Vk.CallsOf("docs.getMessagesUploadServer").Count;

        var result = await SendAsync(user, new DocumentContent("", "song.mp3", "application/pdf", null, MediaAttachment.Stored(mediaId, "application/pdf", bytes.Length)));

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.Contains(".mp3", result.Error, StringComparison.Ordinal);
        Assert.Equal(uploadsBefore, vk.Vk.CallsOf("docs.getMessagesUploadServer").Count);
        Assert.Empty(vk.Vk.SeenBy(user));
    }

    [Fact]
    public async Task The_stand_in_upload_server_refuses_an_executable_like_vk()
    {
        using var http = new HttpClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent([0x4D, 0x5A]), "file", "setup.exe" } };

        var answer = await (await http.PostAsync($"{vk.Vk.BaseUrl}/upload-doc/{VkGatewayFixture.GroupId}", form)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(answer.TryGetProperty("error", out _));
        Assert.False(answer.TryGetProperty("file", out _));
    }

    private static string Peer(long user) => user.ToString(CultureInfo.InvariantCulture);

    private async Task<Guid> ConversationOfAsync(long user)
    {
        (await vk.NotifyAsync(vk.Notification("message_new", VkGatewayFixture.MessageNew(user, "Пришлите счёт, пожалуйста")))).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await vk.CustomerAsync(user))?.CurrentConversationId is not null, "the conversation");
        return (await vk.CustomerAsync(user))!.CurrentConversationId!.Value;
    }

    private static async Task<Guid> UploadAsync(ApiSession session, byte[] bytes, string name)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        var response = await session.Http.PostAsync("/api/v1/media", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mediaId").GetGuid();
    }

    private async Task<Guid> StoreAsync(byte[] bytes, string name)
    {
        using var session = await ApiSession.SignInAsync(vk.App.CreateClient(), "shop", "admin", "admin-password");
        return await UploadAsync(session, bytes, name);
    }

    private async Task<DeliveryResult> SendAsync(long user, MessageContent content)
    {
        var account = await vk.App.Grains.GetGrain<IChannelAccountGrain>(
            new ChannelAccountKey(ChannelKind.Vk, VkGatewayFixture.GroupId.ToString(CultureInfo.InvariantCulture)).ToGrainKey()).GetAsync();
        var message = new OutboundMessage(Guid.NewGuid(), vk.TenantId, Guid.NewGuid(),
            new ChannelAddress(ChannelKind.Vk, VkGatewayFixture.GroupId.ToString(CultureInfo.InvariantCulture), Peer(user)), content, 1, false);
        return await vk.App.Service<VkSender>().SendAsync(account!, message, CancellationToken.None);
    }
}
