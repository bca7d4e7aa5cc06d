using Conversations.Abstractions.Tenants.Admission;

namespace Conversations.Grains.Tenants.Admission;

/// <summary>Stored state of the plan catalogue: the plans, and which tenant is on which.</summary>
[GenerateSerializer, Alias("conv.PlanCatalogState")]
public sealed class PlanCatalogState
{
    /// <summary>Plans by name.</summary>
    [Id(0)]
    public Dictionary<string, TenantPlan> Plans { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Plan names by tenant (tenants without a plan are absent).</summary>
    [Id(1)]
    public Dictionary<Guid, string> Assignments { get; set; } = [];
}
