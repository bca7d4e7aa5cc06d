using k8s;
using k8s.Models;

namespace Conversations.Deploy.Tests;

public sealed class ChartRenderingTests
{
    [Fact]
    public void Default_values_render_every_object_the_silos_need_and_no_ingress()
    {
        var kinds = Charts.Default.Objects.Select(o => ((IKubernetesObject)o).Kind).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Job", "PodDisruptionBudget", "Role", "RoleBinding", "Secret", "Service", "ServiceAccount"],
            kinds);
    }

    [Theory]
    [InlineData(Charts.DefaultValues)]
    [InlineData(Charts.ProductionValues)]
    public void Every_rendered_document_loads_strictly_as_a_kubernetes_object(string values)
    {
        var chart = Charts.Get(values);

        var documents = chart.Text.Split("\n---\n").Length;
        Assert.Equal(documents, chart.Objects.Count);
        Assert.All(chart.Objects, o =>
        {
            var metadata = Assert.IsAssignableFrom<IMetadata<V1ObjectMeta>>(o).Metadata;
            Assert.False(string.IsNullOrEmpty(metadata.Name));
            Assert.Equal("Helm", metadata.Labels["app.kubernetes.io/managed-by"]);
        });
    }

    [Theory]
    [InlineData(Charts.DefaultValues)]
    [InlineData(Charts.ProductionValues)]
    public void Rendered_manifests_pass_yamllint(string values)
    {
        var result = Yamllint.Lint(Charts.Get(values).Text);

        Assert.True(result.Succeeded, result.Describe("yamllint"));
    }

    [Fact]
    public void Yamllint_rules_catch_a_duplicated_key()
    {
        var result = Yamllint.Lint("---\napiVersion: v1\nkind: ConfigMap\nkind: Secret\n");

        Assert.False(result.Succeeded);
        Assert.Contains("key-duplicates", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_loading_rejects_a_misspelt_field()
    {
        var misspelt = Charts.Default.Text.Replace("  revisionHistoryLimit: 5\n", "  revisionHistoryLimt: 5\n", StringComparison.Ordinal);
        Assert.NotEqual(Charts.Default.Text, misspelt);

        var error = Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(misspelt, strict: true));
        Assert.Contains("revisionHistoryLimt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_without_a_database_connection_string_fails_naming_the_value_to_set()
    {
        var result = HelmRenderer.TryRender("--set", "secrets.authSigningKey=k", "--set", "secrets.platformApiKey=k");

        Assert.False(result.Succeeded);
        Assert.Contains("secrets.postgresConnectionString is required", result.Error, StringComparison.Ordinal);
        Assert.Contains("secrets.existingSecret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_secret_needs_no_secret_values()
    {
        var chart = new RenderedChart(HelmRenderer.Render("--set", "secrets.existingSecret=managed-elsewhere"));

        Assert.Empty(chart.All<V1Secret>());
        Assert.Equal("managed-elsewhere", chart.SecretRef("ConnectionStrings__Postgres").Name);
    }

    [Fact]
    public void An_orleans_id_that_is_no_valid_label_value_fails_rendering()
    {
        var result = HelmRenderer.TryRender([.. Charts.RequiredSecretValues, "--set", "orleans.clusterId=prod cluster"]);

        Assert.False(result.Succeeded);
        Assert.Contains("orleans.clusterId", result.Error, StringComparison.Ordinal);
        Assert.Contains("label value", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grace_period_too_short_for_the_silo_to_leave_fails_rendering()
    {
        var result = HelmRenderer.TryRender([.. Charts.RequiredSecretValues, "--set", "terminationGracePeriodSeconds=12"]);

        Assert.False(result.Succeeded);
        Assert.Contains("terminationGracePeriodSeconds (12)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Autoscaler_bounds_that_cross_fail_rendering()
    {
        var result = HelmRenderer.TryRender([.. Charts.RequiredSecretValues, "--set", "autoscaling.minReplicas=6,autoscaling.maxReplicas=4"]);

        Assert.False(result.Succeeded);
        Assert.Contains("autoscaling.minReplicas (6) is above autoscaling.maxReplicas (4)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_tell_how_to_reach_the_service_for_both_value_sets()
    {
        var defaults = HelmRenderer.Render([.. Charts.RequiredSecretValues, "--notes"]);
        var production = HelmRenderer.Render([.. Charts.ProductionArguments, "--notes"]);

        Assert.Contains("port-forward service/release-name-conversations 8080:80", defaults, StringComparison.Ordinal);
        Assert.Contains("3 to 10 silos", defaults, StringComparison.Ordinal);
        Assert.Contains("https://conversations.example.com", production, StringComparison.Ordinal);
        Assert.Contains("5 silos", production, StringComparison.Ordinal);
        Assert.DoesNotContain("<no value>", defaults + production, StringComparison.Ordinal);
    }
}
