namespace Conversations.Abstractions.Operators;

/// <summary>What a tenant's user may do.</summary>
public enum OperatorRole
{
    /// <summary>Answers customers.</summary>
    Operator = 1,

    /// <summary>Answers customers and configures the tenant (settings, operators, channels, bot).</summary>
    Admin = 2,

    /// <summary>
    /// Only for API keys: a named bot or integration (an outside AI, a helpdesk) that takes, answers, releases and
    /// transfers chats as an operator does, under its own id and name; it configures nothing.
    /// </summary>
    Agent = 3,
}
