using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Delivery;

/// <summary>
/// Turns what a channel's send API threw into one of our <see cref="DeliveryOutcome"/>s, from the exception's type
/// and the platform's documented error fields, never from message text. One per channel, next to its sender, so a
/// conformance test can feed it every documented error.
/// </summary>
public interface ISendErrorClassifier
{
    /// <summary>The channel whose errors this classifies.</summary>
    ChannelKind Kind { get; }

    /// <summary>The outcome <paramref name="exception"/> means, or null when it is not a send failure this channel knows (let it propagate).</summary>
    DeliveryResult? Classify(Exception exception);
}
