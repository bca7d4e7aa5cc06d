namespace Conversations.Abstractions.Conversations;

/// <summary>The durable result of accepting an inbound message.</summary>
/// <param name="Outcome">Stored now or already stored.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="CustomerId">The customer the message belongs to.</param>
/// <param name="ConversationId">The conversation it was stored in.</param>
/// <param name="Seq">Its sequence number there.</param>
/// <param name="MessageId">Its message id.</param>
[GenerateSerializer, Immutable, Alias("conv.InboundResult")]
public sealed record InboundResult(
    [property: Id(0)] InboundOutcome Outcome,
    [property: Id(1)] Guid TenantId,
    [property: Id(2)] Guid CustomerId,
    [property: Id(3)] Guid ConversationId,
    [property: Id(4)] long Seq,
    [property: Id(5)] Guid MessageId);
