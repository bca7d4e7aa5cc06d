using Conversations.Abstractions.Messages;
using Conversations.Channels.Contracts;

namespace Conversations.Api.Mappings;

/// <summary>Stored messages and their delivery as the operator API shows them.</summary>
public static class MessageMappings
{
    /// <summary>The API form of <paramref name="message"/>; outbound messages read from the history carry their delivery status.</summary>
    public static Contracts.Messages.ApiMessage ToContract(this ChatMessage message, DeliveryInfo? delivery = null) => new(
        message.MessageId, message.ConversationId, message.Seq, (Contracts.Messages.MessageDirection)message.Direction, message.Content.ToContract(),
        (Contracts.Channels.ChannelKind?)message.Channel, message.OperatorId, message.CreatedAt, message.EditedAt, delivery?.ToContract());

    /// <summary>
    /// The delivery of a widget reply, which has no outbox row: it was delivered by its commit (the visitor's stream
    /// gets it, or the page reads it from the history), so it is sent as soon as it exists. Null for other messages
    /// (older widget replies have a row, which wins where one is found).
    /// </summary>
    public static DeliveryInfo? DeliveredByCommit(this ChatMessage message) =>
        message is { Channel: Abstractions.Channels.ChannelKind.Widget, Direction: MessageDirection.Bot or MessageDirection.Operator }
            ? new DeliveryInfo(message.MessageId, DeliveryStatus.Sent, 1, null, message.CreatedAt, null)
            : null;

    /// <summary>The API form of a delivery status.</summary>
    public static Contracts.Messages.DeliveryInfo ToContract(this DeliveryInfo delivery) => new(
        delivery.MessageId, (Contracts.Messages.DeliveryStatus)delivery.Status, delivery.Attempts, delivery.LastError, delivery.FinishedAt, delivery.NextAttemptAt);
}
