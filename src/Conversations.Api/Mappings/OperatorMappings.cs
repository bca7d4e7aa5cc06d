using Conversations.Abstractions.Operators;

namespace Conversations.Api.Mappings;

/// <summary>Operators as the API shows them.</summary>
public static class OperatorMappings
{
    /// <summary>The API form of an operator.</summary>
    public static Contracts.Operators.OperatorInfo ToContract(this OperatorInfo info) => new(
        info.TenantId, info.OperatorId, info.Username, info.DisplayName, (Contracts.Operators.OperatorRole)info.Role,
        (Contracts.Operators.OperatorPresence)info.Presence, info.Capacity, info.ActiveChats, info.Groups ?? []);

    /// <summary>The grains' form of a role named in a request.</summary>
    public static OperatorRole ToDomain(this Contracts.Operators.OperatorRole role) => (OperatorRole)role;

    /// <summary>The grains' form of a presence named in a request.</summary>
    public static OperatorPresence ToDomain(this Contracts.Operators.OperatorPresence presence) => (OperatorPresence)presence;
}
