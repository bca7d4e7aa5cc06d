using Conversations.Api.Contracts.Operators;
using Conversations.Api.Contracts.Tenants;

namespace Conversations.Api.Contracts.Platform;

/// <summary>A new tenant and its first admin.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Admin">Its first admin.</param>
/// <param name="Plan">The plan it was put on; null: none (unbounded).</param>
public sealed record TenantCreated(TenantInfo Tenant, OperatorInfo Admin, string? Plan = null);
