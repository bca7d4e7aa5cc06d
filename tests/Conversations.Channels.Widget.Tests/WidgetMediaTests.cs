using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Conversations.Channels.Media;
using Conversations.Persistence.Media;
using Conversations.Testing;

namespace Conversations.Channels.Widget.Tests;

/// <summary>Visitors' files through the visitor API: uploaded with the visitor's token, checked, sent by id, linked back.</summary>
public sealed class WidgetMediaTests(WidgetAppFixture widget) : IClassFixture<WidgetAppFixture>
{
    /// <summary>The start of a PDF (what the sniffer needs) and some body.</summary>
    private static readonly byte[] Pdf = [.. "%PDF-1.4\n% visitor's invoice\n"u8.ToArray(), .. RandomNumberGenerator.GetBytes(2000)];

    private async Task<string> NewSessionAsync()
    {
        var response = await widget.Http.PostAsJsonAsync("/widget/v1/demo/session", new { });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<HttpResponseMessage> UploadAsync(string? token, byte[] bytes, string fileName, string claimedType = "application/octet-stream")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new(claimedType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/widget/v1/demo/media") { Content = new MultipartFormDataContent { { file, "file", fileName } } };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await widget.Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/widget/v1/demo/messages") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await widget.Http.SendAsync(request);
    }

    private async Task<JsonElement[]> HistoryAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/widget/v1/demo/messages");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await widget.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement[]>() ?? [];
    }

    [Fact]
    public async Task A_visitor_uploads_a_file_sends_it_and_downloads_the_same_bytes_by_the_signed_link_in_the_history()
    {
        var token = await NewSessionAsync();

        var upload = await UploadAsync(token, Pdf, "../../invoice<1>.pdf", "image/png");

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var stored = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/pdf", stored.GetProperty("contentType").GetString()); // from the bytes, not the claimed type
        Assert.Equal("invoice_1_.pdf", stored.GetProperty("fileName").GetString());
        var sent = await SendAsync(token, new { clientMessageId = "file-1", mediaId = stored.GetProperty("mediaId").GetGuid(), text = "my invoice" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var message = (await HistoryAsync(token)).Single(m => m.GetProperty("from").GetString() == "customer");
        var content = message.GetProperty("content");
        Assert.Equal("document", content.GetProperty("type").GetString());
        Assert.Equal("my invoice", content.GetProperty("caption").GetString());
        Assert.Equal(Pdf.Length, content.GetProperty("media").GetProperty("size").GetInt64());
        var link = message.GetProperty("mediaUrl").GetString()!;
        var download = await widget.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_visitor_image_is_an_image_message_with_a_signed_link()
    {
        var token = await NewSessionAsync();
        var stored = await (await UploadAsync(token, Pixel, "photo.png")).Content.ReadFromJsonAsync<JsonElement>();

        (await SendAsync(token, new { clientMessageId = "img-1", mediaId = stored.GetProperty("mediaId").GetGuid() })).EnsureSuccessStatusCode();

        var content = (await HistoryAsync(token)).Single(m => m.GetProperty("from").GetString() == "customer").GetProperty("content");
        Assert.Equal("image", content.GetProperty("type").GetString());
        Assert.StartsWith("/api/v1/media/", content.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_disguised_executable_is_refused_with_415_naming_the_field()
    {
        var token = await NewSessionAsync();

        var upload = await UploadAsync(token, [.. "MZ"u8.ToArray(), .. new byte[200]], "cat.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, upload.StatusCode);
        var problem = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("file", problem.GetProperty("field").GetString());
        Assert.Contains("application/x-msdownload", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_oversized_file_is_refused_with_413_saying_the_limit()
    {
        var token = await NewSessionAsync();
        var limit = widget.App.Service<MediaIntake>().LimitsOf(Guid.Empty).MaxFileBytes;

        var upload = await UploadAsync(token, [.. "%PDF-"u8.ToArray(), .. new byte[limit]], "big.pdf");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
        Assert.Contains($"{limit:N0}", (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_upload_without_a_visitor_token_is_a_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await UploadAsync(null, Pdf, "a.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await UploadAsync("forged", Pdf, "a.pdf")).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_file_or_an_unknown_id_cannot_be_sent()
    {
        var token = await NewSessionAsync();
        var foreign = await widget.App.Service<IMediaStore>().PutAsync(new MediaUpload(Guid.CreateVersion7(), Guid.NewGuid(), Pdf, SHA256.HashData(Pdf),
            "application/pdf", "theirs.pdf", DateTimeOffset.UtcNow), long.MaxValue);

        var foreignSent = await SendAsync(token, new { clientMessageId = "foreign", mediaId = foreign.MediaId });
        var unknownSent = await SendAsync(token, new { clientMessageId = "unknown", mediaId = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.NotFound, foreignSent.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownSent.StatusCode);
        Assert.Contains("mediaId", (await foreignSent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Empty(await HistoryAsync(token));
    }

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
