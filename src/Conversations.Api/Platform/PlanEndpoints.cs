using Conversations.Abstractions.Common;
using Conversations.Abstractions.Tenants;
using Conversations.Abstractions.Tenants.Admission;
using Conversations.Api.Contracts.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Conversations.Api.Platform;

/// <summary>
/// The platform administrator's plans (under <c>/api/v1/platform</c>): each bounds a tenant's bot turns, API calls and
/// sends (see <see cref="ITenantAdmission"/>); a tenant on no plan is unbounded.
/// </summary>
public static class PlanEndpoints
{
    /// <summary>Maps the plan endpoints onto the platform group.</summary>
    public static RouteGroupBuilder MapPlanApi(this RouteGroupBuilder platform)
    {
        platform.MapPut("/plans/{name}", SetPlanAsync).WithSummary("Create or replace a plan (tenants on it follow within seconds)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        platform.MapGet("/plans/{name}", GetPlanAsync).WithSummary("A plan").ProducesProblem(StatusCodes.Status404NotFound);
        platform.MapGet("/plans", ListPlansAsync).WithSummary("Every plan");
        platform.MapPut("/tenants/{slug}/plan", AssignAsync).WithSummary("Put a tenant on a plan (null: no plan, unbounded)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        platform.MapGet("/tenants/{slug}/plan", GetAssignmentAsync).WithSummary("The plan a tenant is on").ProducesProblem(StatusCodes.Status404NotFound);
        return platform;
    }

    private static async Task<Ok<Plan>> SetPlanAsync(string name, SetPlanRequest request, IGrainFactory grains, ITenantAdmission admission)
    {
        var plan = await Catalog(grains).SetPlanAsync(new TenantPlan(name, ToDomain(request.Inbound), ToDomain(request.Api), ToDomain(request.Outbound)));
        admission.Invalidate();
        return TypedResults.Ok(ToContract(plan));
    }

    private static async Task<Ok<Plan>> GetPlanAsync(string name, IGrainFactory grains) =>
        TypedResults.Ok(ToContract(await Catalog(grains).GetPlanAsync(name) ?? throw DomainException.NotFound($"No plan named '{name}'.")));

    private static async Task<Ok<IReadOnlyList<Plan>>> ListPlansAsync(IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<Plan>>([.. (await Catalog(grains).ListPlansAsync()).Select(ToContract)]);

    private static async Task<Ok<TenantPlanAssignment>> AssignAsync(string slug, AssignPlanRequest request, IGrainFactory grains, ITenantAdmission admission)
    {
        var tenant = await FindTenantAsync(grains, slug);
        await Catalog(grains).AssignAsync(tenant.TenantId, request.Plan);
        admission.Invalidate();
        return TypedResults.Ok(new TenantPlanAssignment(tenant.Slug, request.Plan));
    }

    private static async Task<Ok<TenantPlanAssignment>> GetAssignmentAsync(string slug, IGrainFactory grains)
    {
        var tenant = await FindTenantAsync(grains, slug);
        return TypedResults.Ok(new TenantPlanAssignment(tenant.Slug, await Catalog(grains).GetAssignmentAsync(tenant.TenantId)));
    }

    /// <summary>The configuration key naming the plan new tenants are put on when their request names none.</summary>
    public const string DefaultPlanSetting = "Platform:DefaultPlan";

    /// <summary>
    /// The plan a new tenant goes on: the one its request names, else the configured default, else none. Checked before
    /// the tenant is created, so a missing plan creates nothing.
    /// </summary>
    public static async Task<string?> PlanForNewTenantAsync(IGrainFactory grains, string? requested, IConfiguration configuration)
    {
        var configured = configuration[DefaultPlanSetting];
        var plan = requested ?? (string.IsNullOrWhiteSpace(configured) ? null : configured.Trim());
        if (plan is null || await Catalog(grains).GetPlanAsync(plan) is not null)
        {
            return plan;
        }

        throw requested is not null
            ? DomainException.Invalid($"plan: no plan named '{plan}'; create it first (PUT /api/v1/platform/plans/{plan}) or leave it out.")
            : DomainException.Conflict(
                $"The default plan for new tenants ({DefaultPlanSetting} = '{plan}') does not exist; create it (PUT /api/v1/platform/plans/{plan}), or name another plan in the request's 'plan'.");
    }

    private static IPlanCatalogGrain Catalog(IGrainFactory grains) => grains.GetGrain<IPlanCatalogGrain>(IPlanCatalogGrain.Key);

    private static async Task<TenantInfo> FindTenantAsync(IGrainFactory grains, string slug) =>
        await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync(slug)
        ?? throw DomainException.NotFound($"No tenant with the slug '{slug}'.");

    // A missing budget stays null here so the plan's validation names it ("$.api: is required").
    private static TenantBudget ToDomain(PlanBudget? budget) => budget is null ? null! : new(budget.PerSecond, budget.Burst, budget.Concurrent);

    private static Plan ToContract(TenantPlan plan) => new(plan.Name, ToContract(plan.Inbound), ToContract(plan.Api), ToContract(plan.Outbound));

    private static PlanBudget ToContract(TenantBudget budget) => new(budget.PerSecond, budget.Burst, budget.Concurrent);
}
