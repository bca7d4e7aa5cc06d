namespace Conversations.Abstractions.Tenants.Admission;

/// <summary>The kinds of a tenant's work that its plan bounds, each with a budget of its own.</summary>
public enum TenantWork
{
    /// <summary>Bot turns on messages from the tenant's channels (the messages themselves are always stored and acknowledged).</summary>
    Inbound,

    /// <summary>Calls of the tenant's operators, admins and integrations to the HTTP API.</summary>
    Api,

    /// <summary>Sends of the tenant's outbox to the channels.</summary>
    Outbound,
}
