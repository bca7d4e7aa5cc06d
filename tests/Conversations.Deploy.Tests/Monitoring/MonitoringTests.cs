using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Conversations.Deploy.Tests.Monitoring;

/// <summary>
/// The chart's alerts and dashboard as an on-call person relies on them: valid for Prometheus (promtool), firing on the
/// conditions they name and quiet otherwise (promtool's rule unit tests in alerts.test.yaml), each linked to a runbook
/// section that exists, and reading only series the silos export.
/// </summary>
public sealed partial class MonitoringTests
{
    private static readonly TimeSpan PromtoolTimeout = TimeSpan.FromMinutes(2);

    private static readonly Lazy<RenderedChart> LazyMonitored = new(() => new RenderedChart(HelmRenderer.Render(
        [.. Charts.RequiredSecretValues, "--set", "prometheusRule.enabled=true", "--set", "grafanaDashboard.enabled=true",
         "--set", "prometheusRule.labels.release=kube-prometheus-stack"])));

    private static RenderedChart Monitored => LazyMonitored.Value;

    private static PrometheusRule Rules => Monitored.Single<PrometheusRule>();

    private static IEnumerable<Rule> Alerts => Rules.Spec.Groups.SelectMany(group => group.Rules);

    [Fact]
    public void Alerts_and_the_dashboard_are_off_by_default_because_they_need_the_operator_and_grafana()
    {
        Assert.Empty(Charts.Default.All<PrometheusRule>());
        Assert.DoesNotContain(Charts.Default.All<V1ConfigMap>(), map => map.Metadata.Name.EndsWith("-dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public void The_rule_carries_the_labels_the_operators_rule_selector_matches()
    {
        Assert.Equal("kube-prometheus-stack", Rules.Metadata.Labels["release"]);
        Assert.Equal(Charts.Default.Deployment.Metadata.Labels["app.kubernetes.io/instance"], Rules.Metadata.Labels["app.kubernetes.io/instance"]);
    }

    [Fact]
    public void The_rendered_rule_and_dashboard_pass_yamllint()
    {
        var result = Yamllint.Lint(Monitored.Text);
        Assert.True(result.Succeeded, result.Describe("yamllint"));
    }

    [Fact]
    public void Promtool_accepts_the_rendered_rules()
    {
        var dir = WriteRuleFile("rules.json", Rules.Spec.Groups);
        var result = ExternalTools.Run(Promtool(), ["check", "rules", Path.Combine(dir, "rules.json")], PromtoolTimeout);
        Assert.True(result.Succeeded, result.Describe("promtool check rules"));
        Assert.Contains($"SUCCESS: {Alerts.Count()} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_alert_fires_on_the_condition_it_names_and_stays_quiet_on_healthy_figures()
    {
        var dir = WriteRuleFile("rules.json", Rules.Spec.Groups);
        var tests = Path.Combine(dir, "alerts.test.yaml");
        File.Copy(RepositoryPaths.InTestProject(Path.Combine("Monitoring", "alerts.test.yaml")), tests);

        var result = ExternalTools.Run(Promtool(), ["test", "rules", tests], PromtoolTimeout, workingDirectory: dir);

        Assert.True(result.Succeeded, result.Describe("promtool test rules"));
        // Every alert has at least one unit test, so none fires on a condition nobody checked.
        var tested = File.ReadAllText(tests);
        Assert.All(Alerts, alert => Assert.Contains($"alertname: {alert.Alert}", tested, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_and_a_runbook_section_in_the_readme()
    {
        var anchors = ReadmeAnchors();
        Assert.NotEmpty(Alerts);
        Assert.All(Alerts, alert =>
        {
            Assert.Contains(alert.Labels!["severity"], new[] { "warning", "critical" });
            Assert.False(string.IsNullOrWhiteSpace(alert.Annotations!["summary"]), $"{alert.Alert}: summary");
            var url = alert.Annotations["runbook_url"];
            Assert.StartsWith("README.md#", url, StringComparison.Ordinal);
            var anchor = url["README.md#".Length..];
            Assert.Equal(alert.Alert!.ToLowerInvariant(), anchor);
            Assert.True(anchors.Contains(anchor), $"{alert.Alert}: the README has no section #{anchor}");
        });
    }

    [Fact]
    public void The_runbook_link_points_where_the_operator_says_the_readme_is_served()
    {
        var chart = new RenderedChart(HelmRenderer.Render([.. Charts.RequiredSecretValues, "--set", "prometheusRule.enabled=true",
            "--set", "prometheusRule.runbookUrl=https://git.example.com/ops/conversations/README.md"]));
        Assert.All(chart.Single<PrometheusRule>().Spec.Groups.SelectMany(g => g.Rules), alert =>
            Assert.Equal($"https://git.example.com/ops/conversations/README.md#{alert.Alert!.ToLowerInvariant()}", alert.Annotations!["runbook_url"]));
    }

    [Fact]
    public void The_dashboard_ships_unchanged_in_a_configmap_for_grafanas_sidecar()
    {
        var map = Assert.Single(Monitored.All<V1ConfigMap>(), m => m.Metadata.Name.EndsWith("-dashboard", StringComparison.Ordinal));
        Assert.Equal("1", map.Metadata.Labels["grafana_dashboard"]);
        Assert.Equal(File.ReadAllText(DashboardPath).TrimEnd('\n'), map.Data["conversations.json"]);
    }

    [Fact]
    public void Every_dashboard_query_is_valid_promql_and_every_alert_it_names_exists()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardPath))!;
        var panels = dashboard["panels"]!.AsArray().Where(p => (string?)p!["type"] != "row").ToList();
        Assert.NotEmpty(panels);
        var alertNames = Alerts.Select(a => a.Alert!).ToHashSet();
        var records = new List<Rule>();
        foreach (var panel in panels)
        {
            var title = (string)panel!["title"]!;
            var targets = panel["targets"]!.AsArray();
            Assert.True(targets.Count > 0, $"panel '{title}' has no query");
            foreach (var target in targets)
            {
                // Grafana's range variable is the only template variable in the queries; promtool needs a duration.
                var expr = ((string)target!["expr"]!).Replace("$__rate_interval", "5m", StringComparison.Ordinal);
                records.Add(new Rule { Record = $"dashboard:panel_{records.Count}", Expr = expr });
            }

            foreach (Match named in AlertMention().Matches((string?)panel["description"] ?? ""))
            {
                Assert.True(alertNames.Contains(named.Groups[1].Value), $"panel '{title}' names the alert {named.Groups[1].Value}, which does not exist");
            }
        }

        var dir = WriteRuleFile("dashboard.json", [new RuleGroup { Name = "dashboard", Rules = records }]);
        var result = ExternalTools.Run(Promtool(), ["check", "rules", Path.Combine(dir, "dashboard.json")], PromtoolTimeout);
        Assert.True(result.Succeeded, result.Describe("promtool check rules (the dashboard's queries)"));
    }

    [Fact]
    public void Every_series_of_ours_that_alerts_and_panels_read_is_an_instrument_the_silos_declare()
    {
        var exported = DeclaredSeries();
        Assert.Contains("conversations_outbox_oldest_age_seconds", exported); // the scan itself works
        var read = Alerts.Select(a => a.Expr)
            .Concat(JsonNode.Parse(File.ReadAllText(DashboardPath))!["panels"]!.AsArray()
                .SelectMany(p => p!["targets"]?.AsArray() ?? []).Select(t => (string)t!["expr"]!))
            .SelectMany(expr => OurSeries().Matches(expr).Select(m => m.Value))
            .ToHashSet();
        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.True(exported.Contains(name), $"{name} is read by an alert or a panel but no instrument exports it"));
    }

    private static string DashboardPath => Path.Combine(RepositoryPaths.Chart, "dashboards", "conversations.json");

    private static string Promtool() => ExternalTools.Require("promtool", "prometheus");

    private static string WriteRuleFile(string name, List<RuleGroup> groups)
    {
        var dir = Path.Combine(Path.GetTempPath(), "conversations-deploy-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        // JSON is YAML, and promtool reads rule files as YAML.
        File.WriteAllText(Path.Combine(dir, name), JsonSerializer.Serialize(new PrometheusRuleSpec { Groups = groups }));
        return dir;
    }

    /// <summary>GitHub's anchors of the README's headings: lower case, punctuation dropped, spaces as dashes.</summary>
    private static HashSet<string> ReadmeAnchors() =>
        File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"))
            .Where(line => line.StartsWith('#'))
            .Select(line => Regex.Replace(line.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{N}\s_-]", "").Replace(' ', '-'))
            .ToHashSet();

    /// <summary>
    /// The Prometheus names of the instruments declared in src/ (meters <c>Conversations.*</c>), translated like the
    /// OpenTelemetry Prometheus exporter does: dots to underscores, the unit as a suffix, <c>_total</c> on counters,
    /// <c>_bucket</c>/<c>_sum</c>/<c>_count</c> on histograms.
    /// </summary>
    private static HashSet<string> DeclaredSeries()
    {
        var names = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in Instrument().Matches(File.ReadAllText(file)))
            {
                var unit = m.Groups["unit"].Success ? m.Groups["unit"].Value : m.Groups["gaugeUnit"].Value;
                var name = m.Groups["name"].Value.Replace('.', '_') + unit switch
                {
                    "s" => "_seconds",
                    "ms" => "_milliseconds",
                    "By" => "_bytes",
                    _ => "",
                };
                switch (m.Groups["kind"].Value)
                {
                    case "Counter" or "ObservableCounter":
                        names.Add(name + "_total");
                        break;
                    case "Histogram":
                        names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
                        break;
                    default:
                        names.Add(name);
                        break;
                }
            }
        }

        return names;
    }

    [GeneratedRegex(@"Create(?<kind>Counter|UpDownCounter|Histogram|Gauge|ObservableGauge|ObservableCounter|ObservableUpDownCounter)(<\w+>)?\(\s*""(?<name>conversations\.[^""]+)""(\s*,\s*(unit:\s*)?""(?<unit>[^""]*)""|\s*,\s*\(\)\s*=>[^,]*,\s*(unit:\s*)?""(?<gaugeUnit>[^""]*)"")?")]
    private static partial Regex Instrument();

    [GeneratedRegex(@"\bconversations_[a-z0-9_]+")]
    private static partial Regex OurSeries();

    [GeneratedRegex(@"\b(Conversations[A-Z]\w+)")]
    private static partial Regex AlertMention();
}
