using Conversations.Abstractions.Channels;
using Conversations.Channels.Media;

namespace Conversations.Channels.Viber;

/// <summary>
/// Downloads a file a customer sent on Viber: the reference the mapper stored is the message's <c>media</c> URL
/// (picture, video, file, sticker), served by Viber without the token. Those URLs expire, which is why the media store
/// fetches them in the background right away; 404, 410 and 403 mean the file is gone, other failures are retried.
/// </summary>
public sealed class ViberMediaSource(IHttpClientFactory httpClients) : IChannelMediaSource
{
    /// <summary>Name of the HTTP client used for Viber's media URLs (under the outbound URL policy).</summary>
    public const string HttpClientName = "viber-media";

    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Viber;

    /// <inheritdoc />
    public Task<ChannelMediaDownload> DownloadAsync(ChannelAccount account, string reference, CancellationToken cancellationToken) =>
        MediaUrlDownload.GetAsync(httpClients.CreateClient(HttpClientName), reference, "Viber", cancellationToken);
}
