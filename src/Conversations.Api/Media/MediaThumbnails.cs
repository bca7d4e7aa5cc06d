using Microsoft.Extensions.Caching.Memory;
using SkiaSharp;

namespace Conversations.Api.Media;

/// <summary>
/// Small previews of large stored images, made on the server (SkiaSharp) so an inbox full of phone photos loads
/// kilobytes per picture instead of megabytes: at most <see cref="MaxEdge"/> pixels on the long side, WebP, turned
/// upright by the photo's EXIF orientation. Kept in a bounded in-process cache (the bytes never change for a media
/// id, so a preview never goes stale). Images already small enough, and images that would decode to more than
/// <see cref="MaxPixels"/> (a decompression bomb), get none.
/// </summary>
public sealed class MediaThumbnails : IDisposable
{
    /// <summary>The long side of a preview, in pixels (twice a 160-pixel bubble, sharp on high-density screens).</summary>
    public const int MaxEdge = 320;

    /// <summary>Images of up to this many bytes are served as they are.</summary>
    public const long MinBytes = 64 * 1024;

    /// <summary>The most pixels a preview is made from (8K × 8K); a larger image gets no preview.</summary>
    public const long MaxPixels = 8192L * 8192;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    /// <summary>The preview of <paramref name="mediaId"/> (WebP bytes), or null when it is served as it is or cannot be made.</summary>
    public byte[]? Get(Guid tenantId, Guid mediaId, byte[] image) =>
        image.LongLength <= MinBytes
            ? null
            : _cache.GetOrCreate((tenantId, mediaId), entry =>
            {
                var thumbnail = Create(image);
                entry.Size = thumbnail?.LongLength ?? 1;
                return thumbnail;
            });

    /// <summary>A preview of <paramref name="image"/>, or null when it is small enough already or not a decodable image.</summary>
    public static byte[]? Create(byte[] image)
    {
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        var info = codec.Info;
        if ((long)info.Width * info.Height > MaxPixels || (info.Width <= MaxEdge && info.Height <= MaxEdge))
        {
            return null;
        }

        var scale = Math.Min((float)MaxEdge / info.Width, (float)MaxEdge / info.Height);
        // JPEG decodes at 1/2, 1/4, 1/8 of its size far faster than whole: decode near the target, then resize exactly.
        var decodeSize = codec.GetScaledDimensions(scale);
        using var decoded = SKBitmap.Decode(codec, new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (decoded is null)
        {
            return null;
        }

        var width = Math.Max(1, (int)Math.Round(info.Width * scale));
        var height = Math.Max(1, (int)Math.Round(info.Height * scale));
        using var resized = decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (resized is null)
        {
            return null;
        }

        using var upright = Upright(resized, codec.EncodedOrigin);
        using var encoded = (upright ?? resized).Encode(SKEncodedImageFormat.Webp, 80);
        return encoded?.ToArray();
    }

    /// <summary>The bitmap turned as its EXIF orientation says (rotations only; mirrored photos are rare), or null when already upright.</summary>
    private static SKBitmap? Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var degrees = origin switch
        {
            SKEncodedOrigin.BottomRight => 180,
            SKEncodedOrigin.RightTop => 90,
            SKEncodedOrigin.LeftBottom => 270,
            _ => 0,
        };
        if (degrees == 0)
        {
            return null;
        }

        var swap = degrees != 180;
        var turned = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height, bitmap.ColorType, bitmap.AlphaType);
        using var canvas = new SKCanvas(turned);
        canvas.Translate(turned.Width / 2f, turned.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
        canvas.DrawBitmap(bitmap, 0, 0);
        return turned;
    }

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();
}
