using k8s.Models;

namespace Conversations.Deploy.Tests;

public sealed class ScalingTests
{
    [Fact]
    public void By_default_an_autoscaler_keeps_three_to_ten_silos_on_cpu_and_owns_the_replica_count()
    {
        var chart = Charts.Default;
        var autoscaler = chart.Single<V2HorizontalPodAutoscaler>();

        Assert.Equal("Deployment", autoscaler.Spec.ScaleTargetRef.Kind);
        Assert.Equal("apps/v1", autoscaler.Spec.ScaleTargetRef.ApiVersion);
        Assert.Equal(chart.Deployment.Metadata.Name, autoscaler.Spec.ScaleTargetRef.Name);
        Assert.Equal(3, autoscaler.Spec.MinReplicas);
        Assert.Equal(10, autoscaler.Spec.MaxReplicas);
        var cpu = Assert.Single(autoscaler.Spec.Metrics);
        Assert.Equal("cpu", cpu.Resource.Name);
        Assert.Equal("Utilization", cpu.Resource.Target.Type);
        Assert.Equal(70, cpu.Resource.Target.AverageUtilization);
        // A replica count in the Deployment would fight the autoscaler on every upgrade.
        Assert.Null(chart.Deployment.Spec.Replicas);
        Assert.NotNull(chart.PodTemplate.Spec.Containers[0].Resources.Requests["cpu"]);
    }

    [Fact]
    public void Without_the_autoscaler_the_deployment_runs_the_configured_replicas()
    {
        var chart = Charts.Production;

        Assert.Empty(chart.All<V2HorizontalPodAutoscaler>());
        Assert.Equal(5, chart.Deployment.Spec.Replicas);
    }

    [Fact]
    public void By_default_voluntary_disruptions_take_down_one_silo_at_a_time()
    {
        var chart = Charts.Default;
        var budget = chart.Single<V1PodDisruptionBudget>();

        Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
        Assert.Null(budget.Spec.MinAvailable);
        Assert.Equal(chart.Deployment.Spec.Selector.MatchLabels, budget.Spec.Selector.MatchLabels);
    }

    [Fact]
    public void The_disruption_budget_can_require_a_minimum_of_silos_or_be_turned_off()
    {
        var budget = Charts.Production.Single<V1PodDisruptionBudget>();
        Assert.Equal("4", budget.Spec.MinAvailable.Value);
        Assert.Null(budget.Spec.MaxUnavailable);

        var without = new RenderedChart(HelmRenderer.Render([.. Charts.RequiredSecretValues, "--set", "podDisruptionBudget.enabled=false"]));
        Assert.Empty(without.All<V1PodDisruptionBudget>());
    }

    [Theory]
    [InlineData(Charts.DefaultValues)]
    [InlineData(Charts.ProductionValues)]
    public void Rollouts_add_a_silo_before_removing_one(string values)
    {
        var strategy = Charts.Get(values).Deployment.Spec.Strategy;

        Assert.Equal("RollingUpdate", strategy.Type);
        Assert.Equal("0", strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("1", strategy.RollingUpdate.MaxSurge.Value);
    }
}
