namespace Conversations.Abstractions.Operators;

/// <summary>What the queue needs to know of an operator to assign chats.</summary>
[GenerateSerializer, Immutable, Alias("conv.OperatorLoad")]
public sealed record OperatorLoad(
    [property: Id(0)] Guid OperatorId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] OperatorPresence Presence,
    [property: Id(3)] int Capacity,
    [property: Id(4)] int ActiveChats)
{
    /// <summary>True when auto-assignment may give this operator another chat.</summary>
    public bool CanTakeMore => Presence == OperatorPresence.Online && ActiveChats < Capacity;
}
