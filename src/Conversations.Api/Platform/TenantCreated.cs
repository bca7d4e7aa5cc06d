using Conversations.Operators;
using Conversations.Tenants;

namespace Conversations.Api.Platform;

/// <summary>A new tenant and its first admin.</summary>
public sealed record TenantCreated(TenantInfo Tenant, OperatorInfo Admin);
