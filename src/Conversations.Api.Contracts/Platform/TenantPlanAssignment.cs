namespace Conversations.Api.Contracts.Platform;

/// <summary>The plan a tenant is on.</summary>
/// <param name="Tenant">The tenant's slug.</param>
/// <param name="Plan">The plan's name; null when the tenant is on none (unbounded).</param>
public sealed record TenantPlanAssignment(string Tenant, string? Plan);
