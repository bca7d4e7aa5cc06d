using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Conversations.Persistence.Media;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>Uploading and serving the tenant's files: sniffed types, tenant isolation, ranges, signed links, safe headers.</summary>
public sealed class MediaApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    // A 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task An_uploaded_image_downloads_byte_for_byte_inline_with_its_sniffed_type_nosniff_and_caching()
    {
        using var demo = await fixture.DemoAsync();

        var stored = await UploadAsync(demo, Png, "photo.gif", "image/gif");

        Assert.Equal("image/png", stored.GetProperty("contentType").GetString()); // the bytes, not the name or the header
        Assert.Equal(Png.Length, stored.GetProperty("size").GetInt64());
        var response = await demo.Http.GetAsync($"/api/v1/media/{stored.GetProperty("mediaId").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("private", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal($"\"{stored.GetProperty("sha256").GetString()}\"", response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task A_range_request_gets_206_with_just_those_bytes()
    {
        using var demo = await fixture.DemoAsync();
        var bytes = Encoding.UTF8.GetBytes("0123456789 the customer's text file, long enough to cut");
        var id = (await UploadAsync(demo, bytes, "notes.txt")).GetProperty("mediaId").GetGuid();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/media/{id}");
        request.Headers.Range = new RangeHeaderValue(2, 5);
        var response = await demo.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("2345", await response.Content.ReadAsStringAsync());
        Assert.Equal(bytes.Length, response.Content.Headers.ContentRange!.Length);
    }

    [Fact]
    public async Task Another_tenants_file_is_404_for_download_and_for_a_link()
    {
        using var rival = await fixture.RivalAsync();
        var id = (await UploadAsync(rival, Encoding.UTF8.GetBytes("rival's secret price list"), "prices.txt")).GetProperty("mediaId").GetGuid();
        using var demo = await fixture.DemoAsync();

        var download = await demo.Http.GetAsync($"/api/v1/media/{id}");
        var link = await demo.PostAsync($"/api/v1/media/{id}/link");

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, link.StatusCode);
        Assert.DoesNotContain("secret", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await rival.Http.GetAsync($"/api/v1/media/{id}")).StatusCode);
    }

    [Fact]
    public async Task Without_a_login_a_file_is_401_but_a_signed_link_serves_it_until_tampered_with()
    {
        using var demo = await fixture.DemoAsync();
        var id = (await UploadAsync(demo, Png, "p.png")).GetProperty("mediaId").GetGuid();
        using var anonymous = fixture.NewClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/media/{id}")).StatusCode);
        var link = await (await demo.PostAsync($"/api/v1/media/{id}/link")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var url = link.GetProperty("url").GetString()!;
        var served = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());

        var otherFile = url.Replace(id.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var longer = url.Replace("expires=", "expires=1", StringComparison.Ordinal);
        var forged = url[..^4] + (url[^4..] == "AAAA" ? "BBBB" : "AAAA");
        foreach (var bad in new[] { otherFile, longer, forged })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(bad)).StatusCode);
        }
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>", "logo.svg")]
    [InlineData("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "page.txt")]
    public async Task Markup_is_refused_by_default_whatever_its_name_says(string markup, string name)
    {
        using var demo = await fixture.DemoAsync();

        var refused = await PostFileAsync(demo, Encoding.UTF8.GetBytes(markup), name);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("file", problem.GetProperty("field").GetString());
        Assert.Contains("not accepted", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_svg_downloads_as_an_attachment_of_plain_bytes_never_as_svg()
    {
        using var demo = await fixture.DemoAsync();
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        // Stored directly: a tenant may accept SVG files (AllowedTypes); serving must still never render them.
        var stored = await fixture.App.Service<IMediaStore>().PutAsync(
            new MediaUpload(Guid.NewGuid(), demo.TenantId, svg, SHA256.HashData(svg), "image/svg+xml", "logo.svg", DateTimeOffset.UnixEpoch), long.MaxValue);

        var response = await demo.Http.GetAsync($"/api/v1/media/{stored.MediaId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("logo.svg", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_renamed_to_jpg_is_refused_with_415_naming_the_field_and_the_real_type()
    {
        using var demo = await fixture.DemoAsync();

        var response = await PostFileAsync(demo, [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04], "cat.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("file", problem.GetProperty("field").GetString());
        Assert.Contains("application/x-msdownload", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_413_and_the_limit()
    {
        using var demo = await fixture.DemoAsync();
        var big = new byte[(20 * 1024 * 1024) + 1];
        Png.CopyTo(big, 0);

        var response = await PostFileAsync(demo, big, "huge.png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("20,971,520", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_without_a_file_part_is_a_400_naming_the_field()
    {
        using var demo = await fixture.DemoAsync();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };

        var response = await demo.Http.PostAsync("/api/v1/media", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("file", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_operator_replies_with_an_uploaded_image_and_the_message_carries_the_file()
    {
        var conversation = await fixture.VisitorWritesAsync("demo", "покажите, пожалуйста, фото товара");
        using var demo = await fixture.DemoAsync();
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();
        var mediaId = (await UploadAsync(demo, Png, "item.png")).GetProperty("mediaId").GetGuid();

        var reply = await demo.PostAsync($"/api/v1/conversations/{conversation}/messages", new { mediaId, caption = "Вот он" });

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var content = (await reply.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("content");
        Assert.Equal("image", content.GetProperty("type").GetString());
        Assert.Equal("Вот он", content.GetProperty("caption").GetString());
        Assert.Equal(mediaId, content.GetProperty("media").GetProperty("mediaId").GetGuid());
        Assert.Equal("image/png", content.GetProperty("media").GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task A_widget_visitor_gets_an_operators_uploaded_image_as_a_signed_link_that_loads_without_a_login()
    {
        using var visitor = fixture.NewClient();
        var session = await (await visitor.PostAsJsonAsync("/widget/v1/demo/session", new { })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        visitor.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
        var conversation = (await (await visitor.PostAsJsonAsync("/widget/v1/demo/messages", new { clientMessageId = Guid.NewGuid().ToString(), text = "оператор" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid();
        using var demo = await fixture.DemoAsync();
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();
        var mediaId = (await UploadAsync(demo, Png, "item.png")).GetProperty("mediaId").GetGuid();
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/messages", new { mediaId, caption = "Вот он" })).EnsureSuccessStatusCode();

        var history = await visitor.GetFromJsonAsync<JsonElement>("/widget/v1/demo/messages");
        var image = history.EnumerateArray().Select(m => m.GetProperty("content")).Single(c => c.GetProperty("type").GetString() == "image");
        var url = image.GetProperty("url").GetString()!;

        Assert.StartsWith($"/api/v1/media/{mediaId}/signed?", url, StringComparison.Ordinal);
        using var anonymous = fixture.NewClient();
        var served = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_reply_with_another_tenants_media_id_is_a_404_naming_the_field()
    {
        var conversation = await fixture.VisitorWritesAsync("demo", "hello");
        using var rival = await fixture.RivalAsync();
        var rivalsFile = (await UploadAsync(rival, Encoding.UTF8.GetBytes("rival's file"), "r.txt")).GetProperty("mediaId").GetGuid();
        using var demo = await fixture.DemoAsync();
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();

        var reply = await demo.PostAsync($"/api/v1/conversations/{conversation}/messages", new { mediaId = rivalsFile });

        Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
        Assert.Contains("mediaId", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static async Task<JsonElement> UploadAsync(ApiSession session, byte[] bytes, string name, string contentType = "application/octet-stream")
    {
        var response = await PostFileAsync(session, bytes, name, contentType);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> PostFileAsync(ApiSession session, byte[] bytes, string name, string contentType = "application/octet-stream")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { file, "file", name } };
        return await session.Http.PostAsync("/api/v1/media", form);
    }
}
