using k8s.Models;

namespace Conversations.Deploy.Tests;

/// <summary>The pre-upgrade Job that applies a new version's migrations before any silo is replaced.</summary>
public sealed class MigrationJobTests
{
    [Theory]
    [InlineData(Charts.DefaultValues)]
    [InlineData(Charts.ProductionValues)]
    public void The_job_runs_the_images_migrate_command_as_a_pre_upgrade_hook_with_the_silos_database(string values)
    {
        var chart = Charts.Get(values);
        var job = chart.Single<V1Job>();
        var container = Assert.Single(job.Spec.Template.Spec.Containers);

        Assert.Equal("pre-upgrade", job.Metadata.Annotations["helm.sh/hook"]);
        Assert.Contains("before-hook-creation", job.Metadata.Annotations["helm.sh/hook-delete-policy"], StringComparison.Ordinal);
        Assert.Equal(["migrate"], container.Args);
        Assert.Null(container.Command);
        Assert.Equal(chart.Silo.Image, container.Image);
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        Assert.True(job.Spec.BackoffLimit > 0);
        Assert.True(job.Spec.ActiveDeadlineSeconds > 0);

        var database = Assert.Single(container.Env, variable => variable.Name == "ConnectionStrings__Postgres").ValueFrom.SecretKeyRef;
        var silosDatabase = chart.SecretRef("ConnectionStrings__Postgres");
        Assert.Equal(silosDatabase.Name, database.Name);
        Assert.Equal(silosDatabase.Key, database.Key);
    }

    [Fact]
    public void The_job_pod_is_not_counted_as_a_silo_by_the_service_the_budget_or_the_deployment()
    {
        var chart = Charts.Default;
        var podLabels = chart.Single<V1Job>().Spec.Template.Metadata.Labels;

        static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
            selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

        Assert.False(Selects(chart.Deployment.Spec.Selector.MatchLabels, podLabels));
        Assert.False(Selects(chart.Single<V1Service>().Spec.Selector, podLabels));
        Assert.False(Selects(chart.Single<V1PodDisruptionBudget>().Spec.Selector.MatchLabels, podLabels));
    }

    [Fact]
    public void The_job_runs_as_locked_down_as_a_silo_and_without_a_kubernetes_token()
    {
        var chart = Charts.Default;
        var pod = chart.Single<V1Job>().Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.False(pod.AutomountServiceAccountToken);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Contains(container.VolumeMounts, mount => mount.MountPath == "/tmp");
        Assert.NotNull(container.Resources.Limits);
    }

    [Fact]
    public void Turned_off_no_job_is_rendered()
    {
        var chart = new RenderedChart(HelmRenderer.Render([.. Charts.RequiredSecretValues, "--set", "migrations.job.enabled=false"]));

        Assert.Empty(chart.All<V1Job>());
    }
}
