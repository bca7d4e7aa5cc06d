using Conversations.Abstractions.Common;
using Conversations.Abstractions.Tenants.Admission;
using Conversations.Grains.Infrastructure;

namespace Conversations.Grains.Tenants.Admission;

/// <inheritdoc cref="IPlanCatalogGrain" />
internal sealed class PlanCatalogGrain(
    [PersistentState("plans", StorageNames.GrainState)] IPersistentState<PlanCatalogState> state) : Grain, IPlanCatalogGrain
{
    /// <inheritdoc />
    public async Task<TenantPlan> SetPlanAsync(TenantPlan plan)
    {
        if (plan.Problems() is { Count: > 0 } problems)
        {
            throw DomainException.Invalid(string.Join(" ", problems));
        }

        state.State.Plans[plan.Name] = plan;
        await state.WriteStateAsync();
        return plan;
    }

    /// <inheritdoc />
    public Task<TenantPlan?> GetPlanAsync(string name) => Task.FromResult(state.State.Plans.GetValueOrDefault(name));

    /// <inheritdoc />
    public Task<IReadOnlyList<TenantPlan>> ListPlansAsync() =>
        Task.FromResult<IReadOnlyList<TenantPlan>>([.. state.State.Plans.Values.OrderBy(p => p.Name, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public async Task AssignAsync(Guid tenantId, string? plan)
    {
        if (plan is null)
        {
            if (state.State.Assignments.Remove(tenantId))
            {
                await state.WriteStateAsync();
            }

            return;
        }

        if (!state.State.Plans.ContainsKey(plan))
        {
            throw DomainException.NotFound($"No plan named '{plan}'; create it first (PUT /api/v1/platform/plans/{{name}}).");
        }

        state.State.Assignments[tenantId] = plan;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<string?> GetAssignmentAsync(Guid tenantId) => Task.FromResult(state.State.Assignments.GetValueOrDefault(tenantId));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<Guid, TenantPlan>> GetAssignmentsAsync() =>
        Task.FromResult<IReadOnlyDictionary<Guid, TenantPlan>>(state.State.Assignments
            .Where(a => state.State.Plans.ContainsKey(a.Value))
            .ToDictionary(a => a.Key, a => state.State.Plans[a.Value]));
}
