using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Outbox;

/// <summary>One outbound message as its outbox row tells it: where it goes and how its delivery stands.</summary>
/// <param name="ConversationId">Its conversation.</param>
/// <param name="Channel">Its channel.</param>
/// <param name="Delivery">Its delivery.</param>
/// <param name="CreatedAt">When it was queued (stored with its message).</param>
public sealed record OutboundMessageState(Guid ConversationId, ChannelKind Channel, DeliveryInfo Delivery, DateTimeOffset CreatedAt);
