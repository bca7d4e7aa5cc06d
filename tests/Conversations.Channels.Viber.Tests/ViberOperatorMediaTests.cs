using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Channels.Media;
using Conversations.Persistence.Media;
using Conversations.Testing;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Viber.Tests;

/// <summary>
/// An operator's stored upload reaches a Viber customer by a signed link of ours (Viber takes media by URL only): a
/// picture, a video and a file, each fetched by the stand-in through the app's real media endpoint.
/// </summary>
public sealed class ViberOperatorMediaTests(ViberSignedInFixture viber) : IClassFixture<ViberSignedInFixture>
{
    // A 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    // The start of an MP4 (ISO base media: a box of type "ftyp", brand "isom").
    private static readonly byte[] Mp4 = [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0,
        (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1', 0, 0, 0, 8, (byte)'f', (byte)'r', (byte)'e', (byte)'e'];

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    [Fact]
    public async Task A_stored_png_goes_as_a_picture_whose_signed_link_serves_the_same_bytes()
    {
        var user = ViberGatewayFixture.NewUserId();
        var stored = await StoreAsync(Png, "bouquet.png");

        var result = await SendAsync(user, new ImageContent(null, null, "Your bouquet", null, MediaAttachment.Stored(stored, "image/png", Png.Length)));

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        var picture = Assert.Single(viber.Viber.SeenBy(user));
        Assert.Equal("picture", (string?)picture["type"]);
        Assert.Equal("Your bouquet", (string?)picture["text"]);
        var media = (string)picture["media"]!;
        Assert.StartsWith($"{ViberGatewayFixture.PublicBaseUrl}/api/v1/media/{stored}/signed/", media, StringComparison.Ordinal);
        Assert.EndsWith(".png", new Uri(media).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(Png, viber.Viber.FetchedMedia(media));
    }

    [Fact]
    public async Task A_stored_mp4_goes_as_a_video_with_its_size_and_the_caption_first_as_a_text()
    {
        var user = ViberGatewayFixture.NewUserId();
        var stored = await StoreAsync(Mp4, "unboxing.mp4");

        var result = await SendAsync(user, new DocumentContent("", "unboxing.mp4", "video/mp4", "How to open the box", MediaAttachment.Stored(stored, "video/mp4", Mp4.Length)));

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        var seen = viber.Viber.SeenBy(user);
        Assert.Equal(["text", "video"], seen.Select(m => (string?)m["type"]));
        Assert.Equal("How to open the box", (string?)seen[0]["text"]);
        Assert.Equal(Mp4.Length, (long?)seen[1]["size"]);
        Assert.EndsWith(".mp4", new Uri((string)seen[1]["media"]!).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(Mp4, viber.Viber.FetchedMedia((string)seen[1]["media"]!));
    }

    [Fact]
    public async Task An_operator_sends_a_pdf_through_the_api_and_the_customer_gets_a_viber_file_with_its_name_size_and_bytes()
    {
        var user = ViberGatewayFixture.NewUserId();
        (await viber.CallbackAsync(viber.Text(user, "Пришлите счёт"))).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await viber.CustomerAsync(user))?.CurrentConversationId is not null, "the conversation");
        var conversationId = (await viber.CustomerAsync(user))!.CurrentConversationId!.Value;
        using var session = await ApiSession.SignInAsync(viber.App.CreateClient(), "shop", "admin", "admin-password");
        var mediaId = await UploadAsync(session, Pdf, "invoice-42.pdf");

        (await session.PostAsync($"/api/v1/conversations/{conversationId}/take")).EnsureSuccessStatusCode();
        (await session.PostAsync($"/api/v1/conversations/{conversationId}/messages", new { mediaId })).EnsureSuccessStatusCode();

        await Eventually.AdvanceUntilAsync(viber.Clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30),
            () => Task.FromResult(viber.Viber.SeenBy(user).Any(m => (string?)m["type"] == "file")), "the file in the customer's Viber chat");
        var file = viber.Viber.SeenBy(user).Single(m => (string?)m["type"] == "file");
        Assert.Equal("invoice-42.pdf", (string?)file["file_name"]);
        Assert.Equal(Pdf.Length, (long?)file["size"]);
        Assert.EndsWith("/invoice-42.pdf", new Uri((string)file["media"]!).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(Pdf, viber.Viber.FetchedMedia((string)file["media"]!));
    }

    [Fact]
    public async Task A_forbidden_file_format_fails_for_good_with_the_reason_and_nothing_is_sent()
    {
        var user = ViberGatewayFixture.NewUserId();
        byte[] bytes = [.. Pdf, .. "% apk"u8]; // bytes of its own: the store keeps one copy (and name) per content
        var stored = await StoreAsync(bytes, "installer.apk");

        var result = await SendAsync(user, new DocumentContent("", "installer.apk", "application/pdf", null, MediaAttachment.Stored(stored, "application/pdf", bytes.Length)));

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.Contains(".apk", result.Error, StringComparison.Ordinal);
        Assert.Empty(viber.Viber.SeenBy(user));
    }

    [Fact]
    public async Task Without_a_public_base_url_a_stored_file_is_refused_with_a_reason_naming_the_setting()
    {
        var stored = await StoreAsync([.. Pdf, .. "% terms"u8], "terms.pdf");
        var withoutUrl = new ViberStoredMedia(viber.App.Service<IMediaStore>(), viber.App.Service<MediaLinkSigner>(), viber.App.Service<TimeProvider>(),
            Options.Create(new ViberOptions { ApiBaseUrl = viber.Viber.BaseUrl }));

        var (body, refusal) = await withoutUrl.BodyAsync(viber.TenantId, stored, CancellationToken.None);

        Assert.Null(body);
        Assert.Contains("Channels:Viber:PublicBaseUrl", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stand_in_refuses_a_picture_whose_url_has_no_picture_extension()
    {
        var user = ViberGatewayFixture.NewUserId();
        var url = viber.Viber.ServeFile("photo", Png, "image/png");
        var body = new JsonObject { ["receiver"] = user, ["type"] = "picture", ["text"] = "", ["media"] = url, ["sender"] = new JsonObject { ["name"] = "Shop" } };
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{viber.Viber.BaseUrl}/send_message") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Viber-Auth-Token", ViberGatewayFixture.Token);

        var answer = await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(3, answer.GetProperty("status").GetInt32());
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
        using var session = await ApiSession.SignInAsync(viber.App.CreateClient(), "shop", "admin", "admin-password");
        return await UploadAsync(session, bytes, name);
    }

    private async Task<DeliveryResult> SendAsync(string user, MessageContent content)
    {
        var account = await viber.AccountAsync();
        var message = new OutboundMessage(Guid.NewGuid(), viber.TenantId, Guid.NewGuid(),
            new ChannelAddress(ChannelKind.Viber, ViberGatewayFixture.BotId, user), content, 1, false);
        return await viber.App.Service<ViberSender>().SendAsync(account!, message, CancellationToken.None);
    }
}
