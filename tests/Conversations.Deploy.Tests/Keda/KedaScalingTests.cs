using System.Text.Json;
using Conversations.Deploy.Tests.Monitoring;
using k8s.Models;

namespace Conversations.Deploy.Tests.Keda;

/// <summary>
/// Scaling on load, not only CPU: with <c>autoscaling.keda.enabled</c> the chart renders a KEDA ScaledObject whose
/// triggers read the signals that say the silos are behind, and no HPA of its own (KEDA creates one).
/// </summary>
public sealed class KedaScalingTests
{
    private const string Prometheus = "http://prometheus-operated.monitoring:9090";

    private static readonly Lazy<RenderedChart> LazyKeda = new(() => new RenderedChart(HelmRenderer.Render(
        [.. Charts.RequiredSecretValues, "--namespace", "support", "--set", "autoscaling.keda.enabled=true",
         "--set", $"autoscaling.keda.prometheusServerAddress={Prometheus}"])));

    private static RenderedChart Keda => LazyKeda.Value;

    [Fact]
    public void Off_by_default_the_chart_scales_with_its_own_hpa()
    {
        Assert.Empty(Charts.Default.All<ScaledObject>());
        Assert.Single(Charts.Default.All<V2HorizontalPodAutoscaler>());
    }

    [Fact]
    public void With_keda_the_scaled_object_owns_scaling_of_the_deployment_between_the_same_bounds()
    {
        var scaled = Keda.Single<ScaledObject>();

        Assert.Empty(Keda.All<V2HorizontalPodAutoscaler>()); // two HPAs on one Deployment would fight
        Assert.Null(Keda.Deployment.Spec.Replicas);
        Assert.Equal(Keda.Deployment.Metadata.Name, scaled.Spec.ScaleTargetRef.Name);
        Assert.Equal("Deployment", scaled.Spec.ScaleTargetRef.Kind);
        Assert.Equal(3, scaled.Spec.MinReplicaCount);
        Assert.Equal(10, scaled.Spec.MaxReplicaCount);
        var scaleDown = scaled.Spec.Advanced!.HorizontalPodAutoscalerConfig!.Behavior!.ScaleDown;
        Assert.Equal(1, Assert.Single(scaleDown.Policies).Value); // one silo at a time, as with the chart's HPA
        var cpu = Assert.Single(scaled.Spec.Triggers, t => t.Type == "cpu");
        Assert.Equal("Utilization", cpu.MetricType);
        Assert.Equal("70", cpu.Metadata["value"]);
    }

    [Fact]
    public void The_load_triggers_read_outbox_age_ack_latency_and_grain_call_latency_of_this_release_in_proportion()
    {
        var triggers = Keda.Single<ScaledObject>().Spec.Triggers.Where(t => t.Type == "prometheus").ToList();

        Assert.Equal(["outbox-oldest-age", "ack-latency", "grain-call-latency"], triggers.Select(t => t.Name));
        Assert.All(triggers, trigger =>
        {
            Assert.Equal("Value", trigger.MetricType);
            Assert.Equal(Prometheus, trigger.Metadata["serverAddress"]);
            Assert.Contains("namespace=\"support\"", trigger.Metadata["query"], StringComparison.Ordinal);
            Assert.True(double.TryParse(trigger.Metadata["threshold"], System.Globalization.CultureInfo.InvariantCulture, out var threshold) && threshold > 0);
        });
        Assert.Contains("conversations_outbox_oldest_age_seconds", triggers[0].Metadata["query"], StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", triggers[1].Metadata["query"], StringComparison.Ordinal);
        Assert.Contains("orleans_app_requests_latency_milliseconds_bucket", triggers[2].Metadata["query"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_rendered_scaled_object_passes_yamllint()
    {
        var result = Yamllint.Lint(Keda.Text);
        Assert.True(result.Succeeded, result.Describe("yamllint"));
    }

    [Fact]
    public void Every_trigger_query_is_valid_promql()
    {
        var records = Keda.Single<ScaledObject>().Spec.Triggers.Where(t => t.Type == "prometheus")
            .Select(t => new Rule { Record = $"keda:{t.Name!.Replace('-', '_')}", Expr = t.Metadata["query"] }).ToList();
        var dir = Path.Combine(Path.GetTempPath(), "conversations-deploy-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "keda.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new PrometheusRuleSpec { Groups = [new RuleGroup { Name = "keda", Rules = records }] }));

        var result = ExternalTools.Run(ExternalTools.Require("promtool", "prometheus"), ["check", "rules", file], TimeSpan.FromMinutes(2));

        Assert.True(result.Succeeded, result.Describe("promtool check rules (KEDA's queries)"));
    }

    [Fact]
    public void A_selector_narrows_the_queries_to_the_silos_it_names()
    {
        var chart = new RenderedChart(HelmRenderer.Render([.. Charts.RequiredSecretValues, "--set", "autoscaling.keda.enabled=true",
            "--set", $"autoscaling.keda.prometheusServerAddress={Prometheus}", "--set-string", "autoscaling.keda.selector=job=\"conversations-eu\""]));

        Assert.All(chart.Single<ScaledObject>().Spec.Triggers.Where(t => t.Type == "prometheus"), trigger =>
        {
            Assert.Contains("job=\"conversations-eu\"", trigger.Metadata["query"], StringComparison.Ordinal);
            Assert.DoesNotContain("namespace=", trigger.Metadata["query"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Without_a_prometheus_address_the_chart_refuses_to_render_and_says_what_to_set()
    {
        var result = HelmRenderer.TryRender([.. Charts.RequiredSecretValues, "--set", "autoscaling.keda.enabled=true"]);

        Assert.False(result.Succeeded);
        Assert.Contains("autoscaling.keda.prometheusServerAddress", result.Error, StringComparison.Ordinal);
    }
}
