namespace Conversations.Abstractions.Operators;

/// <summary>What the queue needs to know of an operator to assign chats.</summary>
[GenerateSerializer, Immutable, Alias("conv.OperatorLoad")]
public sealed record OperatorLoad(
    [property: Id(0)] Guid OperatorId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] OperatorPresence Presence,
    [property: Id(3)] int Capacity,
    [property: Id(4)] int ActiveChats,
    [property: Id(5)] IReadOnlyList<string>? Groups = null)
{
    /// <summary>True when this operator may be given a chat waiting for <paramref name="group"/> (any chat when null).</summary>
    public bool Serves(string? group) => group is null || (Groups?.Contains(group, StringComparer.Ordinal) ?? false);

    /// <summary>True when auto-assignment may give this operator another chat.</summary>
    public bool CanTakeMore => Presence == OperatorPresence.Online && ActiveChats < Capacity;
}
