using k8s.Models;

namespace Conversations.Deploy.Tests;

public sealed class ServiceTests
{
    [Theory]
    [InlineData(Charts.DefaultValues)]
    [InlineData(Charts.ProductionValues)]
    public void The_service_sends_port_80_to_the_silos_http_port_8080(string values)
    {
        var chart = Charts.Get(values);
        var service = chart.Single<V1Service>();

        Assert.Equal("ClusterIP", service.Spec.Type);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal("http", port.Name);
        Assert.Equal(80, port.Port);
        var target = port.TargetPort.Value;
        var targetNumber = int.TryParse(target, out var number) ? number : chart.ContainerPort(target);
        Assert.Equal(8080, targetNumber);
        Assert.All(service.Spec.Selector, label => Assert.Equal(label.Value, chart.PodTemplate.Metadata.Labels[label.Key]));
    }

    [Fact]
    public void There_is_no_ingress_unless_enabled()
    {
        Assert.Empty(Charts.Default.All<V1Ingress>());
    }

    [Fact]
    public void An_enabled_ingress_routes_its_host_to_the_service_with_tls()
    {
        var chart = Charts.Production;
        var ingress = chart.Single<V1Ingress>();
        var service = chart.Single<V1Service>();

        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.Equal("letsencrypt", ingress.Metadata.Annotations["cert-manager.io/cluster-issuer"]);
        var rule = Assert.Single(ingress.Spec.Rules);
        Assert.Equal("conversations.example.com", rule.Host);
        var path = Assert.Single(rule.Http.Paths);
        Assert.Equal("/", path.Path);
        Assert.Equal("Prefix", path.PathType);
        Assert.Equal(service.Metadata.Name, path.Backend.Service.Name);
        Assert.Equal(Assert.Single(service.Spec.Ports).Name, path.Backend.Service.Port.Name);
        var tls = Assert.Single(ingress.Spec.Tls);
        Assert.Equal("conversations-tls", tls.SecretName);
        Assert.Equal(["conversations.example.com"], tls.Hosts);
    }
}
