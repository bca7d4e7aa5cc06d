namespace Conversations.Abstractions.Conversations;

/// <summary>An operator as a conversation names them (id for checks, name for the customer and the history).</summary>
[GenerateSerializer, Immutable, Alias("conv.OperatorRef")]
public sealed record OperatorRef(
    [property: Id(0)] Guid OperatorId,
    [property: Id(1)] string DisplayName);
