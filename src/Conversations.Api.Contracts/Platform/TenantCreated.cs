using Conversations.Api.Contracts.Operators;
using Conversations.Api.Contracts.Tenants;

namespace Conversations.Api.Contracts.Platform;

/// <summary>A new tenant and its first admin.</summary>
public sealed record TenantCreated(TenantInfo Tenant, OperatorInfo Admin);
