using System.Net;
using Conversations.Abstractions.Channels;
using Conversations.Channels.Media;

namespace Conversations.Channels.Vk;

/// <summary>
/// Downloads a file a customer sent on VK: the reference the mapper stored is the file's own URL (the largest size of a
/// photo or sticker, a document's or voice message's link), served by VK without the token. 404 and 410 mean the file
/// is gone; other failures are retried by the media store.
/// </summary>
public sealed class VkMediaSource(IHttpClientFactory httpClients) : IChannelMediaSource
{
    /// <summary>Name of the HTTP client used for VK's file URLs (under the outbound URL policy).</summary>
    public const string HttpClientName = "vk-media";

    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Vk;

    /// <inheritdoc />
    public async Task<ChannelMediaDownload> DownloadAsync(ChannelAccount account, string reference, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(reference, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ChannelMediaUnavailableException("The VK file reference is not a URL.");
        }

        var response = await httpClients.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Forbidden)
        {
            response.Dispose();
            throw new ChannelMediaUnavailableException($"VK answered {(int)response.StatusCode} for the file.");
        }

        response.EnsureSuccessStatusCode();
        var content = response.Content;
        return new ChannelMediaDownload(await content.ReadAsStreamAsync(cancellationToken), content.Headers.ContentType?.MediaType,
            content.Headers.ContentDisposition?.FileName?.Trim('"'), content.Headers.ContentLength);
    }
}
