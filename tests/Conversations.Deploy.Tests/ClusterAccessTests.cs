using k8s.Models;

namespace Conversations.Deploy.Tests;

public sealed class ClusterAccessTests
{
    [Theory]
    [InlineData(Charts.DefaultValues)]
    [InlineData(Charts.ProductionValues)]
    public void Silos_may_get_list_watch_patch_and_delete_the_pods_of_their_namespace(string values)
    {
        var chart = Charts.Get(values);
        var role = chart.Single<V1Role>();

        var verbs = role.Rules
            .Where(rule => rule.ApiGroups.Contains(string.Empty) && (rule.Resources.Contains("pods") || rule.Resources.Contains("*")))
            .SelectMany(rule => rule.Verbs)
            .ToHashSet(StringComparer.Ordinal);
        // get: its own pod; patch: the orleans/* labels onto it; list, watch: the cluster's pods; delete: pods of dead silos.
        Assert.Superset(new HashSet<string>(["get", "list", "watch", "delete", "patch"], StringComparer.Ordinal), verbs);
        Assert.DoesNotContain("*", verbs);
        Assert.DoesNotContain(chart.Objects, o => o is V1ClusterRole or V1ClusterRoleBinding);
    }

    [Theory]
    [InlineData(Charts.DefaultValues, "default")]
    [InlineData(Charts.ProductionValues, "conversations-prod")]
    public void The_role_is_bound_to_the_account_the_silos_run_as(string values, string releaseNamespace)
    {
        var chart = Charts.Get(values);
        var binding = chart.Single<V1RoleBinding>();
        var account = chart.Single<V1ServiceAccount>();

        Assert.Equal("Role", binding.RoleRef.Kind);
        Assert.Equal("rbac.authorization.k8s.io", binding.RoleRef.ApiGroup);
        Assert.Equal(chart.Single<V1Role>().Metadata.Name, binding.RoleRef.Name);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal("ServiceAccount", subject.Kind);
        Assert.Equal(account.Metadata.Name, subject.Name);
        Assert.Equal(releaseNamespace, subject.NamespaceProperty);
        Assert.Equal(account.Metadata.Name, chart.PodTemplate.Spec.ServiceAccountName);
        Assert.NotEqual(false, chart.PodTemplate.Spec.AutomountServiceAccountToken);
        Assert.NotEqual(false, account.AutomountServiceAccountToken);
    }

    [Fact]
    public void Rbac_and_service_account_can_be_left_to_the_cluster_admin()
    {
        var chart = new RenderedChart(HelmRenderer.Render(
            [.. Charts.RequiredSecretValues, "--set", "rbac.create=false,serviceAccount.create=false,serviceAccount.name=silos"]));

        Assert.Empty(chart.All<V1Role>());
        Assert.Empty(chart.All<V1RoleBinding>());
        Assert.Empty(chart.All<V1ServiceAccount>());
        Assert.Equal("silos", chart.PodTemplate.Spec.ServiceAccountName);
    }
}
