namespace Conversations.Api.Contracts.Operators;

/// <summary>An operator as the API and the queue see them.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="OperatorId">The operator.</param>
/// <param name="Username">Login name, unique in the tenant.</param>
/// <param name="DisplayName">Name shown to customers and colleagues.</param>
/// <param name="Role">Operator or admin.</param>
/// <param name="Presence">Online, away or offline.</param>
/// <param name="Capacity">Most chats at once for auto-assignment.</param>
/// <param name="ActiveChats">Conversations in live chat with this operator.</param>
/// <param name="Groups">The groups the operator answers for (chats transferred to a group go to its members).</param>
public sealed record OperatorInfo(
    Guid TenantId,
    Guid OperatorId,
    string Username,
    string DisplayName,
    OperatorRole Role,
    OperatorPresence Presence,
    int Capacity,
    IReadOnlyList<Guid> ActiveChats,
    IReadOnlyList<string>? Groups = null);
