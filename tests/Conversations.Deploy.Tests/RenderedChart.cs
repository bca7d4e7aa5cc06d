using k8s;
using k8s.Models;

namespace Conversations.Deploy.Tests;

/// <summary>
/// The chart's manifests for one set of values: the rendered text and every document loaded strictly
/// as a Kubernetes object (unknown fields and wrong types fail the load).
/// </summary>
internal sealed class RenderedChart
{
    public RenderedChart(string text)
    {
        Text = text;
        Objects = KubernetesYaml.LoadAllFromString(text, CustomKinds, strict: true);
    }

    /// <summary>The kinds of the chart that come from CRDs, keyed like the client's own map: apiVersion/kind.</summary>
    private static readonly Dictionary<string, Type> CustomKinds = new()
    {
        ["monitoring.coreos.com/v1/PrometheusRule"] = typeof(Monitoring.PrometheusRule),
        ["keda.sh/v1alpha1/ScaledObject"] = typeof(Keda.ScaledObject),
    };

    public string Text { get; }

    public IReadOnlyList<object> Objects { get; }

    public V1Deployment Deployment => Single<V1Deployment>();

    public V1PodTemplateSpec PodTemplate => Deployment.Spec.Template;

    public V1Container Silo => Assert.Single(PodTemplate.Spec.Containers);

    public V1ConfigMap ConfigMap => Single<V1ConfigMap>();

    /// <summary>Environment variables with a plain value: the ConfigMap (envFrom) overridden by env.</summary>
    public IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var source in Silo.EnvFrom ?? [])
            {
                Assert.NotNull(source.ConfigMapRef);
                Assert.Equal(ConfigMap.Metadata.Name, source.ConfigMapRef.Name);
                foreach (var (name, value) in ConfigMap.Data)
                {
                    settings[name] = value;
                }
            }

            foreach (var variable in Silo.Env ?? [])
            {
                if (variable.ValueFrom is null)
                {
                    settings[variable.Name] = variable.Value;
                }
                else
                {
                    settings.Remove(variable.Name);
                }
            }

            return settings;
        }
    }

    public T Single<T>() => Assert.Single(Objects.OfType<T>());

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    /// <summary>The container's env entry of that name (exactly one).</summary>
    public V1EnvVar Env(string name) => Assert.Single(Silo.Env, variable => variable.Name == name);

    /// <summary>The secret an env entry reads, failing unless it is a secretKeyRef.</summary>
    public V1SecretKeySelector SecretRef(string name)
    {
        var reference = Env(name).ValueFrom?.SecretKeyRef;
        Assert.True(reference is not null, $"{name} must come from a Secret (valueFrom.secretKeyRef).");
        return reference;
    }

    /// <summary>The number of the container port with that name.</summary>
    public int ContainerPort(string name) => Assert.Single(Silo.Ports, port => port.Name == name).ContainerPort;
}
