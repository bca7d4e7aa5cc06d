using Conversations.Abstractions.Channels;
using Conversations.Channels.Delivery;

namespace Conversations.Channels.Widget;

/// <summary>
/// The widget has no external API: a reply is delivered when it is committed, because the visitor's browser reads it
/// from the history and receives it live through the event stream, so widget replies get no outbox row. The sender
/// settles rows committed before that (it only marks them sent).
/// </summary>
public sealed class WidgetSender : IChannelSender
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Widget;

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryResult.Sent(message.MessageId.ToString("N")));
}
