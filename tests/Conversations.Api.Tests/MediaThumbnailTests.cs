using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Api.Media;
using Conversations.Testing;
using SkiaSharp;

namespace Conversations.Api.Tests;

/// <summary>Server-made previews of large images: small WebP for the inbox, the original for the lightbox.</summary>
public sealed class MediaThumbnailTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    /// <summary>A noisy (incompressible) PNG of the given size: well over the size served as it is.</summary>
    private static byte[] NoisyPng(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(15);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static async Task<Guid> UploadAsync(ApiSession session, byte[] bytes, string name)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        var response = await session.Http.PostAsync("/api/v1/media", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mediaId").GetGuid();
    }

    [Fact]
    public async Task A_large_photo_comes_as_a_small_webp_preview_of_at_most_320_pixels_keeping_its_shape()
    {
        using var demo = await fixture.DemoAsync();
        var photo = NoisyPng(1200, 600);
        var id = await UploadAsync(demo, photo, "big.png");

        var response = await demo.Http.GetAsync($"/api/v1/media/{id}?thumbnail=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType!.MediaType);
        var preview = await response.Content.ReadAsByteArrayAsync();
        Assert.True(preview.Length * 10 < photo.Length, $"the preview ({preview.Length} bytes) is a fraction of the photo ({photo.Length} bytes)");
        using var decoded = SKBitmap.Decode(preview);
        Assert.Equal((MediaThumbnails.MaxEdge, MediaThumbnails.MaxEdge / 2), (decoded.Width, decoded.Height));
        // The original is still the whole photo.
        Assert.Equal(photo, await demo.Http.GetByteArrayAsync($"/api/v1/media/{id}"));
    }

    [Fact]
    public async Task A_small_image_or_a_file_that_is_not_an_image_is_served_as_it_is()
    {
        using var demo = await fixture.DemoAsync();
        var small = NoisyPng(40, 40);
        byte[] pdf = [.. "%PDF-1.7\n"u8.ToArray(), .. new byte[100_000]];
        var smallId = await UploadAsync(demo, small, "small.png");
        var pdfId = await UploadAsync(demo, pdf, "doc.pdf");

        Assert.Equal(small, await demo.Http.GetByteArrayAsync($"/api/v1/media/{smallId}?thumbnail=true"));
        Assert.Equal(pdf, await demo.Http.GetByteArrayAsync($"/api/v1/media/{pdfId}?thumbnail=true"));
    }

    [Fact]
    public async Task A_photo_turned_by_its_exif_orientation_gets_an_upright_preview()
    {
        // Decoded dimensions come from the codec; a 90° origin swaps them. Built in memory: a JPEG with EXIF orientation 6.
        using var bitmap = new SKBitmap(800, 400);
        bitmap.Erase(SKColors.CornflowerBlue);
        using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        var turned = WithExifOrientation6(jpeg.ToArray());

        var preview = MediaThumbnails.Create(turned);

        Assert.NotNull(preview);
        using var decoded = SKBitmap.Decode(preview);
        Assert.Equal((MediaThumbnails.MaxEdge / 2, MediaThumbnails.MaxEdge), (decoded.Width, decoded.Height));
    }

    /// <summary>
    /// Inserts an APP1 Exif segment right after the JPEG's SOI marker with one IFD0 entry, Orientation (0x0112) = 6
    /// ("rotate 90° clockwise to display"), big-endian TIFF header (JEITA CP-3451 / TIFF 6.0).
    /// </summary>
    private static byte[] WithExifOrientation6(byte[] jpeg)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // header, IFD0 at offset 8
            0x00, 0x01, // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, // Orientation, SHORT, 1, value 6
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        byte[] exif = [.. "Exif\0\0"u8.ToArray(), .. tiff];
        var length = exif.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }
}
