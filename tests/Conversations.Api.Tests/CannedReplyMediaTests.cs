using System.Net;
using System.Text;
using System.Text.Json;
using System.Net.Http.Json;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// Canned replies with uploaded files: the admin gives only the file's id, the reply keeps the store's type and size
/// (whatever the client claimed), and an operator's canned reply sends the stored file like an upload.
/// </summary>
public sealed class CannedReplyMediaTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    // A 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    [Fact]
    public async Task A_canned_reply_with_an_uploaded_image_and_price_list_keeps_the_stores_types_and_sends_them_as_files()
    {
        using var demo = await fixture.DemoAsync();
        var image = (await MediaApiTests.UploadAsync(demo, Png, "parcel.png")).GetProperty("mediaId").GetGuid();
        var prices = (await MediaApiTests.UploadAsync(demo, Pdf, "prices.pdf")).GetProperty("mediaId").GetGuid();

        var saved = await demo.PostAsync("/api/v1/admin/canned-replies", new
        {
            shortcut = "prices-" + Guid.NewGuid().ToString("N")[..6],
            title = "Prices",
            contents = new object[]
            {
                new { type = "image", caption = "Our shop", media = new { mediaId = image, contentType = "text/html", size = 1 } },
                new { type = "document", media = new { mediaId = prices, contentType = "image/png", size = 5 } },
            },
        });

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var reply = await saved.Content.ReadFromJsonAsync<JsonElement>();
        var contents = reply.GetProperty("contents");
        Assert.Equal("image/png", contents[0].GetProperty("media").GetProperty("contentType").GetString());
        Assert.Equal(Png.Length, contents[0].GetProperty("media").GetProperty("size").GetInt64());
        Assert.Equal("application/pdf", contents[1].GetProperty("media").GetProperty("contentType").GetString());
        Assert.Equal("prices.pdf", contents[1].GetProperty("fileName").GetString());

        var conversation = await fixture.VisitorWritesAsync("demo", "сколько стоит доставка?");
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();
        var sent = await demo.PostAsync($"/api/v1/conversations/{conversation}/messages", new { cannedReplyId = reply.GetProperty("id").GetGuid() });

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var messages = await sent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(image, messages[0].GetProperty("content").GetProperty("media").GetProperty("mediaId").GetGuid());
        Assert.Equal("Our shop", messages[0].GetProperty("content").GetProperty("caption").GetString());
        Assert.Equal(prices, messages[1].GetProperty("content").GetProperty("media").GetProperty("mediaId").GetGuid());
    }

    [Fact]
    public async Task Another_tenants_file_is_a_404_and_a_pdf_given_as_an_image_a_400_each_naming_the_field()
    {
        using var rival = await fixture.RivalAsync();
        var rivals = (await MediaApiTests.UploadAsync(rival, Png, "rival.png")).GetProperty("mediaId").GetGuid();
        using var demo = await fixture.DemoAsync();
        var pdf = (await MediaApiTests.UploadAsync(demo, Pdf, "menu.pdf")).GetProperty("mediaId").GetGuid();

        var foreign = await demo.PostAsync("/api/v1/admin/canned-replies", new
        {
            shortcut = "foreign", title = "Foreign",
            contents = new object[] { new { type = "text", text = "see" }, new { type = "image", media = new { mediaId = rivals, contentType = "image/png", size = 1 } } },
        });
        var notPicture = await demo.PostAsync("/api/v1/admin/canned-replies", new
        {
            shortcut = "menu", title = "Menu",
            contents = new object[] { new { type = "image", media = new { mediaId = pdf, contentType = "image/png", size = 1 } } },
        });

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("$.contents[1].media.mediaId", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notPicture.StatusCode);
        var problem = await notPicture.Content.ReadAsStringAsync();
        Assert.Contains("$.contents[0].media.mediaId", problem, StringComparison.Ordinal);
        Assert.Contains("application/pdf", problem, StringComparison.Ordinal);
        Assert.DoesNotContain((await demo.GetAsync("/api/v1/canned-replies")).EnumerateArray(), r => r.GetProperty("shortcut").GetString() is "foreign" or "menu");
    }
}
