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
    public Task<ChannelMediaDownload> DownloadAsync(ChannelAccount account, string reference, CancellationToken cancellationToken) =>
        MediaUrlDownload.GetAsync(httpClients.CreateClient(HttpClientName), reference, "VK", cancellationToken);
}
