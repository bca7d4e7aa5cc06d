using System.Globalization;
using System.Text;
using k8s.Models;

namespace Conversations.Deploy.Tests;

public sealed class SiloPodTests
{
    [Theory]
    [InlineData(Charts.DefaultValues, "conversations", "conversations")]
    [InlineData(Charts.ProductionValues, "conversations-prod", "conversations")]
    public void Pod_labels_carry_the_orleans_ids_the_silo_is_configured_with(string values, string clusterId, string serviceId)
    {
        var chart = Charts.Get(values);
        var labels = chart.PodTemplate.Metadata.Labels;

        Assert.Equal(clusterId, labels["orleans/clusterId"]);
        Assert.Equal(serviceId, labels["orleans/serviceId"]);
        Assert.Equal("metadata.labels['orleans/clusterId']", chart.Env("ORLEANS_CLUSTER_ID").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.labels['orleans/serviceId']", chart.Env("ORLEANS_SERVICE_ID").ValueFrom.FieldRef.FieldPath);
        Assert.Equal(clusterId, chart.Settings["Orleans__ClusterId"]);
        Assert.Equal(serviceId, chart.Settings["Orleans__ServiceId"]);
    }

    [Fact]
    public void Orleans_ids_stay_out_of_the_immutable_selector()
    {
        var selector = Charts.Default.Deployment.Spec.Selector.MatchLabels;

        Assert.DoesNotContain(selector.Keys, key => key.StartsWith("orleans/", StringComparison.Ordinal));
        Assert.All(selector, label => Assert.Equal(label.Value, Charts.Default.PodTemplate.Metadata.Labels[label.Key]));
    }

    [Fact]
    public void Silo_learns_its_pod_name_namespace_and_ip_from_the_downward_api_and_advertises_the_ip()
    {
        var chart = Charts.Default;

        Assert.Equal("metadata.name", chart.Env("POD_NAME").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.namespace", chart.Env("POD_NAMESPACE").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", chart.Env("POD_IP").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", chart.Env("Orleans__AdvertisedAddress").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("true", chart.Settings["Orleans__Kubernetes"]);
    }

    [Fact]
    public void Silo_and_gateway_ports_are_declared_and_configured_alike()
    {
        var chart = Charts.Default;

        Assert.Equal(11111, chart.ContainerPort("silo"));
        Assert.Equal(30000, chart.ContainerPort("gateway"));
        Assert.Equal("11111", chart.Settings["Orleans__SiloPort"]);
        Assert.Equal("30000", chart.Settings["Orleans__GatewayPort"]);
    }

    [Theory]
    [InlineData(Charts.DefaultValues)]
    [InlineData(Charts.ProductionValues)]
    public void Silo_listens_for_http_on_8080_whatever_appsettings_json_says(string values)
    {
        var chart = Charts.Get(values);

        Assert.Equal(8080, chart.ContainerPort("http"));
        Assert.Equal("http://+:8080", chart.Settings["ASPNETCORE_URLS"]);
        // Urls in appsettings.json would win over ASPNETCORE_URLS; the Urls variable wins over both.
        Assert.Equal("http://+:8080", chart.Settings["Urls"]);
    }

    [Fact]
    public void Probes_ask_the_health_endpoints_on_the_http_port()
    {
        var silo = Charts.Default.Silo;

        Assert.Equal("/health/ready", silo.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/health/live", silo.LivenessProbe.HttpGet.Path);
        Assert.Equal("/health/live", silo.StartupProbe.HttpGet.Path);
        Assert.All(
            new[] { silo.ReadinessProbe, silo.LivenessProbe, silo.StartupProbe },
            probe => Assert.Equal("http", probe.HttpGet.Port.Value));
        // The silo migrates the database and joins the cluster before it answers: give it minutes, not seconds.
        Assert.True(silo.StartupProbe.PeriodSeconds * silo.StartupProbe.FailureThreshold >= 120);
    }

    [Theory]
    [InlineData(Charts.DefaultValues)]
    [InlineData(Charts.ProductionValues)]
    public void Silo_runs_as_non_root_without_privileges_on_a_read_only_root_filesystem(string values)
    {
        var chart = Charts.Get(values);
        var pod = chart.PodTemplate.Spec.SecurityContext;
        var container = chart.Silo.SecurityContext;

        Assert.True(pod.RunAsNonRoot);
        Assert.NotEqual(0, pod.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.SeccompProfile.Type);
        Assert.True(container.RunAsNonRoot);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        Assert.Null(container.Capabilities.Add);
        var tmp = Assert.Single(chart.Silo.VolumeMounts, mount => mount.MountPath == "/tmp");
        Assert.NotNull(Assert.Single(chart.PodTemplate.Spec.Volumes, volume => volume.Name == tmp.Name).EmptyDir);
    }

    [Fact]
    public void Secret_settings_come_from_the_secret_the_chart_creates()
    {
        var chart = Charts.Default;
        var secret = chart.Single<V1Secret>();

        foreach (var (name, expected) in new[]
        {
            ("ConnectionStrings__Postgres", "Host=postgres;Database=conversations;Username=app;Password=secret"),
            ("Auth__SigningKey", "test-signing-key"),
            ("Platform__ApiKey", "test-platform-key"),
        })
        {
            var reference = chart.SecretRef(name);
            Assert.Equal(secret.Metadata.Name, reference.Name);
            Assert.Equal(expected, Encoding.UTF8.GetString(secret.Data[reference.Key]));
            Assert.NotEqual(true, reference.Optional);
        }

        Assert.DoesNotContain(chart.ConfigMap.Data.Values, value => value.Contains("Password", StringComparison.Ordinal));
    }

    [Fact]
    public void Secret_settings_come_from_an_existing_secret_when_one_is_named()
    {
        var chart = Charts.Production;

        Assert.Equal(("conversations-prod-secrets", "postgres"), Key(chart.SecretRef("ConnectionStrings__Postgres")));
        Assert.Equal(("conversations-prod-secrets", "jwt-signing-key"), Key(chart.SecretRef("Auth__SigningKey")));
        Assert.Equal(("conversations-prod-secrets", "platform-api-key"), Key(chart.SecretRef("Platform__ApiKey")));
        Assert.DoesNotContain(chart.All<V1Secret>(), secret => secret.Metadata.Name == "conversations-prod-secrets");

        static (string, string) Key(V1SecretKeySelector reference) => (reference.Name, reference.Key);
    }

    [Fact]
    public void Extra_secret_settings_are_kept_in_a_secret_and_passed_by_name()
    {
        var chart = Charts.Production;
        var extra = Assert.Single(chart.All<V1Secret>());

        foreach (var (name, expected) in new[] { ("Telegram__BotToken", "123456:prod-token"), ("Email__SmtpPassword", "smtp-password") })
        {
            var reference = chart.SecretRef(name);
            Assert.Equal(extra.Metadata.Name, reference.Name);
            Assert.Equal(expected, Encoding.UTF8.GetString(extra.Data[reference.Key]));
        }

        Assert.DoesNotContain("prod-token", chart.ConfigMap.Data.Values);
    }

    [Fact]
    public void Extra_env_and_config_reach_the_silo()
    {
        var chart = Charts.Production;

        Assert.Equal("1", chart.Settings["DOTNET_gcServer"]);
        Assert.Equal("platform-settings", chart.Env("Platform__Region").ValueFrom.ConfigMapKeyRef.Name);
        Assert.Equal("Warning", chart.Settings["Logging__LogLevel__Default"]);
        Assert.Equal("false", chart.Settings["Orleans__FastFailureDetection"]);
    }

    [Fact]
    public void Each_variable_is_set_once()
    {
        var names = Charts.Production.Silo.Env.Select(variable => variable.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(Charts.DefaultValues, 60)]
    [InlineData(Charts.ProductionValues, 90)]
    public void Host_finishes_stopping_the_silo_within_the_grace_period(string values, int gracePeriodSeconds)
    {
        var chart = Charts.Get(values);

        Assert.Equal(gracePeriodSeconds, chart.PodTemplate.Spec.TerminationGracePeriodSeconds);
        var shutdownTimeout = TimeSpan.Parse(chart.Settings["HostOptions__ShutdownTimeout"], CultureInfo.InvariantCulture);
        var preStop = chart.Silo.Lifecycle?.PreStop?.Exec?.Command is ["sleep", var seconds] ? int.Parse(seconds, CultureInfo.InvariantCulture) : 0;
        var budget = TimeSpan.FromSeconds(gracePeriodSeconds - preStop);
        Assert.InRange(shutdownTimeout, budget * 0.5, budget - TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Telemetry_goes_to_the_otlp_endpoint_only_when_one_is_set()
    {
        Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", Charts.Default.Settings.Keys);

        var production = Charts.Production.Settings;
        Assert.Equal("http://otel-collector.observability:4317", production["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("conversations-silo", production["OTEL_SERVICE_NAME"]);
    }

    [Fact]
    public void Otlp_service_name_defaults_to_the_release()
    {
        var chart = new RenderedChart(HelmRenderer.Render([.. Charts.RequiredSecretValues, "--set", "otel.endpoint=http://collector:4317"]));

        Assert.Equal("release-name-conversations", chart.Settings["OTEL_SERVICE_NAME"]);
    }

    [Theory]
    [InlineData(Charts.DefaultValues, "250m", "512Mi", "1", "1Gi")]
    [InlineData(Charts.ProductionValues, "1", "2Gi", "2", "4Gi")]
    public void Silo_has_resource_requests_and_limits(string values, string cpuRequest, string memoryRequest, string cpuLimit, string memoryLimit)
    {
        var resources = Charts.Get(values).Silo.Resources;

        Assert.Equal(cpuRequest, resources.Requests["cpu"].ToString());
        Assert.Equal(memoryRequest, resources.Requests["memory"].ToString());
        Assert.Equal(cpuLimit, resources.Limits["cpu"].ToString());
        Assert.Equal(memoryLimit, resources.Limits["memory"].ToString());
    }

    [Fact]
    public void Silos_prefer_distinct_nodes_without_blocking_scheduling()
    {
        var spec = Charts.Default.PodTemplate.Spec;
        var podLabels = Charts.Default.PodTemplate.Metadata.Labels;

        var term = Assert.Single(spec.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution).PodAffinityTerm;
        Assert.Equal("kubernetes.io/hostname", term.TopologyKey);
        Assert.All(term.LabelSelector.MatchLabels, label => Assert.Equal(label.Value, podLabels[label.Key]));
        Assert.Null(spec.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
        Assert.Contains(spec.TopologySpreadConstraints, c => c.TopologyKey == "kubernetes.io/hostname");
        Assert.All(spec.TopologySpreadConstraints, c => Assert.Equal("ScheduleAnyway", c.WhenUnsatisfiable));
    }

    [Fact]
    public void Prometheus_scrapes_metrics_on_the_metrics_port_unless_turned_off()
    {
        var annotations = Charts.Default.PodTemplate.Metadata.Annotations;

        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
        Assert.Equal("9464", annotations["prometheus.io/port"]);
        Assert.DoesNotContain("prometheus.io/scrape", Charts.Production.PodTemplate.Metadata.Annotations.Keys);
    }

    [Theory]
    [InlineData(Charts.DefaultValues)]
    [InlineData(Charts.ProductionValues)]
    public void Metrics_are_served_on_a_pod_port_that_the_service_does_not_expose(string values)
    {
        var chart = Charts.Get(values);

        Assert.Equal(9464, chart.ContainerPort("metrics"));
        Assert.Equal("9464", chart.Settings["Metrics__Port"]);
        var service = chart.Single<k8s.Models.V1Service>();
        Assert.All(service.Spec.Ports, port => Assert.NotEqual("metrics", port.TargetPort.Value));
        Assert.All(service.Spec.Ports, port => Assert.NotEqual("9464", port.TargetPort.Value));
    }

    [Fact]
    public void Metrics_port_zero_serves_metrics_on_the_http_port()
    {
        var chart = new RenderedChart(HelmRenderer.Render([.. Charts.RequiredSecretValues, "--set", "metrics.port=0"]));

        Assert.DoesNotContain(chart.Silo.Ports, port => port.Name == "metrics");
        Assert.DoesNotContain("Metrics__Port", chart.Settings.Keys);
        Assert.Equal("8080", chart.PodTemplate.Metadata.Annotations["prometheus.io/port"]);
    }

    [Fact]
    public void Changing_a_setting_changes_the_pod_template_so_the_silos_roll()
    {
        var changed = new RenderedChart(HelmRenderer.Render([.. Charts.RequiredSecretValues, "--set", "config.Logging__LogLevel__Default=Debug"]));

        Assert.NotEqual(
            Charts.Default.PodTemplate.Metadata.Annotations["checksum/config"],
            changed.PodTemplate.Metadata.Annotations["checksum/config"]);
    }

    [Fact]
    public void Image_defaults_to_the_chart_app_version()
    {
        var appVersion = File.ReadLines(Path.Combine(RepositoryPaths.Chart, "Chart.yaml"))
            .Single(line => line.StartsWith("appVersion:", StringComparison.Ordinal))["appVersion:".Length..].Trim().Trim('"');

        Assert.Equal($"conversations:{appVersion}", Charts.Default.Silo.Image);
        Assert.Equal("registry.example.com/conversations/host:1.4.2", Charts.Production.Silo.Image);
    }
}
