using Microsoft.AspNetCore.Http;

namespace Conversations.Channels.Webhooks;

/// <summary>
/// Reads a webhook's whole body as the exact bytes received, with or without a Content-Length (chunked), so that a
/// signature can be checked over them and the payload parsed from the same bytes.
/// </summary>
public static class WebhookBody
{
    /// <summary>
    /// The whole body, or null when it is larger than <paramref name="maxBytes"/> (announced or actually sent):
    /// answer 413 then.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
