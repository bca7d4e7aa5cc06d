using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Media;

/// <summary>
/// Fetches the bytes of a file a customer sent, from the channel that keeps it (Telegram's getFile, a WhatsApp media
/// id, a Viber or VK download URL). One per channel that carries media; the media store calls it in the background
/// after the message is durable, never on the webhook's ack path, and retries it when it fails.
/// </summary>
/// <remarks>
/// The reference is what the channel's update mapper put into <c>ImageContent.FileId</c> or
/// <c>DocumentContent.FileId</c>: the source alone knows what it means. Links that expire (Meta, Viber) are why the
/// bytes are fetched once and kept by us.
/// </remarks>
public interface IChannelMediaSource
{
    /// <summary>The channel this source serves.</summary>
    ChannelKind Kind { get; }

    /// <summary>
    /// Opens the file behind <paramref name="reference"/> through <paramref name="account"/>. Throws
    /// <see cref="ChannelMediaUnavailableException"/> when the channel says the file is gone or refused for good;
    /// any other exception is treated as transient and retried.
    /// </summary>
    Task<ChannelMediaDownload> DownloadAsync(ChannelAccount account, string reference, CancellationToken cancellationToken);
}
