using Conversations.Api.Contracts.Channels;
using Conversations.Api.Contracts.Messages;

namespace Conversations.Api.Contracts.Outbound;

/// <summary>Where one outbound message is (<c>GET /api/v1/messages/{id}</c>).</summary>
/// <param name="MessageId">The message.</param>
/// <param name="ConversationId">Its conversation.</param>
/// <param name="Channel">The channel it goes to.</param>
/// <param name="Delivery">Its delivery: pending, sending, sent, delivered, read, failed or blocked, with attempts and the last error.</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record BusinessMessageDelivery(
    Guid MessageId,
    Guid ConversationId,
    ChannelKind Channel,
    DeliveryInfo Delivery,
    DateTimeOffset CreatedAt);
