using Conversations.Abstractions.Channels;
using Conversations.Channels.Delivery;
using Conversations.Channels.Meta.Graph;

namespace Conversations.Channels.Meta.WhatsApp;

/// <summary>
/// The Cloud API's send errors as delivery outcomes, by Meta's documented error codes (<see cref="GraphErrors"/>):
/// throughput and pair-rate limits wait, 131047 (outside the 24-hour window: only a template may go) and bad requests
/// are final, 131026 means the recipient cannot be reached, token errors are final until the number is reconnected,
/// Meta's transient codes and 5xx retry, the transport failing retries.
/// </summary>
public sealed class WhatsAppSendErrorClassifier : ISendErrorClassifier
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.WhatsApp;

    /// <inheritdoc />
    public DeliveryResult? Classify(Exception exception) => GraphErrors.Classify(exception, TimeSpan.FromSeconds(1));
}
