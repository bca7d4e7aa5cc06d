using Conversations.Abstractions.Channels;
using Conversations.Channels.Media;

namespace Conversations.Channels.Meta.Messenger;

/// <summary>
/// Downloads a file a customer sent on Messenger or Instagram: the reference the mapper stored is the attachment's
/// <c>payload.url</c>, a CDN link Meta serves without the token and lets expire, which is why the media store fetches
/// it in the background right away. 404, 410 and 403 mean the link expired or the file is gone; other failures are
/// retried. One instance per channel kind (the two share the Messenger Platform's attachment format).
/// </summary>
public sealed class MessengerMediaSource(ChannelKind kind, IHttpClientFactory httpClients) : IChannelMediaSource
{
    /// <summary>Name of the HTTP client used for attachment URLs (under the outbound URL policy).</summary>
    public const string HttpClientName = "messenger-media";

    /// <inheritdoc />
    public ChannelKind Kind => kind;

    /// <inheritdoc />
    public Task<ChannelMediaDownload> DownloadAsync(ChannelAccount account, string reference, CancellationToken cancellationToken) =>
        MediaUrlDownload.GetAsync(httpClients.CreateClient(HttpClientName), reference, kind.ToString(), cancellationToken);
}
