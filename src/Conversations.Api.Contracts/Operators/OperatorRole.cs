namespace Conversations.Api.Contracts.Operators;

/// <summary>What a tenant's user may do.</summary>
public enum OperatorRole
{
    /// <summary>Answers customers.</summary>
    Operator = 1,

    /// <summary>Answers customers and configures the tenant (settings, operators, channels, bot).</summary>
    Admin = 2,
}
