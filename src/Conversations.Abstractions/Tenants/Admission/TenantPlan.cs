using System.Text.RegularExpressions;

namespace Conversations.Abstractions.Tenants.Admission;

/// <summary>
/// A plan: the budgets of every tenant on it, for the whole cluster. Set by the platform administrator; a tenant
/// without a plan is not bounded.
/// </summary>
/// <param name="Name">Its name (2–40 lowercase letters, digits or dashes).</param>
/// <param name="Inbound">Bot turns on messages from the tenant's channels.</param>
/// <param name="Api">Calls to the HTTP API by the tenant's operators and integrations.</param>
/// <param name="Outbound">Sends to the channels.</param>
[GenerateSerializer, Immutable, Alias("conv.TenantPlan")]
public sealed partial record TenantPlan(
    [property: Id(0)] string Name,
    [property: Id(1)] TenantBudget Inbound,
    [property: Id(2)] TenantBudget Api,
    [property: Id(3)] TenantBudget Outbound)
{
    /// <summary>The budget of <paramref name="work"/>.</summary>
    public TenantBudget For(TenantWork work) => work switch
    {
        TenantWork.Inbound => Inbound,
        TenantWork.Api => Api,
        TenantWork.Outbound => Outbound,
        _ => throw new ArgumentOutOfRangeException(nameof(work), work, null),
    };

    /// <summary>Every problem of this plan, each naming its field by JSON path (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!NamePattern().IsMatch(Name ?? ""))
        {
            problems.Add($"$.name: '{Name}' is not a plan name; use 2–40 lowercase letters, digits or dashes, starting with a letter or digit.");
        }

        foreach (var (path, budget) in new[] { ("$.inbound", Inbound), ("$.api", Api), ("$.outbound", Outbound) })
        {
            if (budget is null)
            {
                problems.Add($"{path}: is required (perSecond, burst, concurrent).");
            }
            else
            {
                problems.AddRange(budget.Problems(path));
            }
        }

        return problems;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex NamePattern();
}
