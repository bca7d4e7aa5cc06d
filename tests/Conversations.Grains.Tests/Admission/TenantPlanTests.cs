using Conversations.Abstractions.Tenants.Admission;

namespace Conversations.Grains.Tests.Admission;

/// <summary>A plan's validation names each wrong field; a silo's share of a budget divides it among the active silos.</summary>
public sealed class TenantPlanTests
{
    private static readonly TenantBudget Fine = new(10, 20, 5);

    [Fact]
    public void A_valid_plan_has_no_problems()
    {
        Assert.Empty(new TenantPlan("standard", Fine, Fine, Fine).Problems());
    }

    [Fact]
    public void Each_wrong_field_is_named_by_its_json_path()
    {
        var problems = new TenantPlan("Bad Name", new TenantBudget(0, 20, 5), new TenantBudget(10, 0, 5), null!).Problems();

        Assert.Collection(problems,
            p => Assert.StartsWith("$.name:", p, StringComparison.Ordinal),
            p => Assert.StartsWith("$.inbound.perSecond:", p, StringComparison.Ordinal),
            p => Assert.StartsWith("$.api.burst:", p, StringComparison.Ordinal),
            p => Assert.StartsWith("$.outbound:", p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(double.NaN, 1, 1, "perSecond")]
    [InlineData(100_001d, 1, 1, "perSecond")]
    [InlineData(1d, 1_000_001, 1, "burst")]
    [InlineData(1d, 1, 0, "concurrent")]
    public void Budgets_out_of_range_are_refused(double perSecond, int burst, int concurrent, string field)
    {
        var problem = Assert.Single(new TenantBudget(perSecond, burst, concurrent).Problems("$.api"));
        Assert.StartsWith($"$.api.{field}:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_of_three_silos_admits_a_third_of_the_rate_and_at_least_one_at_once()
    {
        var share = new TenantBudget(PerSecond: 30, Burst: 10, Concurrent: 2).ShareOf(3);

        Assert.Equal(10, share.PerSecond);
        Assert.Equal(4, share.Burst); // rounded up
        Assert.Equal(1, share.Concurrent); // never below one
        Assert.Same(Fine, Fine.ShareOf(1));
        Assert.Equal(Fine, Fine.ShareOf(0)); // no membership yet counts as one silo
    }
}
