namespace Conversations.Abstractions.Operators;

/// <summary>An operator as the API and the queue see them.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="OperatorId">The operator.</param>
/// <param name="Username">Login name, unique in the tenant.</param>
/// <param name="DisplayName">Name shown to customers and colleagues.</param>
/// <param name="Role">Operator or admin.</param>
/// <param name="Presence">Online, away or offline.</param>
/// <param name="Capacity">Most chats at once for auto-assignment.</param>
/// <param name="ActiveChats">Conversations in live chat with this operator.</param>
/// <param name="Groups">The groups the operator answers for.</param>
[GenerateSerializer, Immutable, Alias("conv.OperatorInfo")]
public sealed record OperatorInfo(
    [property: Id(0)] Guid TenantId,
    [property: Id(1)] Guid OperatorId,
    [property: Id(2)] string Username,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] OperatorRole Role,
    [property: Id(5)] OperatorPresence Presence,
    [property: Id(6)] int Capacity,
    [property: Id(7)] IReadOnlyList<Guid> ActiveChats,
    [property: Id(8)] IReadOnlyList<string>? Groups = null);
