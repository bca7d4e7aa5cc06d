namespace Conversations.Abstractions.Tenants.Admission;

/// <summary>
/// The plans and which tenant is on which. A single grain, key <see cref="Key"/>: every silo reads its
/// <see cref="GetAssignmentsAsync"/> every few seconds, so admission costs no grain call per request.
/// </summary>
public interface IPlanCatalogGrain : IGrainWithStringKey
{
    /// <summary>The key of the one catalogue grain.</summary>
    const string Key = "plans";

    /// <summary>Creates or replaces a plan (tenants on it follow within seconds); an invalid plan is refused naming each field.</summary>
    Task<TenantPlan> SetPlanAsync(TenantPlan plan);

    /// <summary>The plan with this name, or null.</summary>
    Task<TenantPlan?> GetPlanAsync(string name);

    /// <summary>Every plan, by name.</summary>
    Task<IReadOnlyList<TenantPlan>> ListPlansAsync();

    /// <summary>Puts a tenant on a plan (null: no plan, unbounded); an unknown plan is not found.</summary>
    Task AssignAsync(Guid tenantId, string? plan);

    /// <summary>The name of the tenant's plan, or null.</summary>
    Task<string?> GetAssignmentAsync(Guid tenantId);

    /// <summary>The plan of every tenant that has one.</summary>
    Task<IReadOnlyDictionary<Guid, TenantPlan>> GetAssignmentsAsync();
}
