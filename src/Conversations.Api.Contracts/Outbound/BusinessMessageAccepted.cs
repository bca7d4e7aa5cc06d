using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Outbound;

/// <summary>A message the business started, stored and queued for its channel.</summary>
/// <param name="MessageId">The message: its delivery at <c>GET /api/v1/messages/{messageId}</c>.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="ConversationId">The conversation it joined (opened for it when the customer had none).</param>
/// <param name="Channel">The channel that carries it (null on a repeat of the idempotency key).</param>
/// <param name="Rule">The channel rule that allowed it: window_open, whatsapp.template, messenger.message_tag; idempotency.duplicate on a repeat.</param>
/// <param name="Duplicate">True when the idempotency key was used before: nothing new was sent.</param>
public sealed record BusinessMessageAccepted(
    Guid MessageId,
    Guid CustomerId,
    Guid ConversationId,
    ChannelKind? Channel,
    string Rule,
    bool Duplicate);
