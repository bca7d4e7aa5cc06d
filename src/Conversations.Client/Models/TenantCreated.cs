namespace Conversations.Client.Models;

/// <summary>A new tenant and its first admin.</summary>
public sealed record TenantCreated(TenantInfo Tenant, OperatorInfo Admin);
