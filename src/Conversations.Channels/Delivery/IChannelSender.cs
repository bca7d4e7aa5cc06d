using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Delivery;

/// <summary>
/// Sends outbound messages to one channel's API. The only kind of class that talks to a messenger. It classifies
/// every outcome (with the channel's <see cref="ISendErrorClassifier"/>); the dispatcher decides about retries.
/// </summary>
public interface IChannelSender
{
    /// <summary>The channel this sender serves.</summary>
    ChannelKind Kind { get; }

    /// <summary>Sends <paramref name="message"/> through <paramref name="account"/>.</summary>
    Task<DeliveryResult> SendAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken);
}
