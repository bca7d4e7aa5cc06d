namespace Conversations.Deploy.Tests;

/// <summary>The chart rendered for the value sets the tests look at, each rendered once per run.</summary>
internal static class Charts
{
    public const string DefaultValues = "default";
    public const string ProductionValues = "production";

    /// <summary>What the chart requires and has no default for: the database and the two keys.</summary>
    public static readonly string[] RequiredSecretValues =
    [
        "--set", "secrets.postgresConnectionString=Host=postgres;Database=conversations;Username=app;Password=secret",
        "--set", "secrets.authSigningKey=test-signing-key",
        "--set", "secrets.platformApiKey=test-platform-key",
    ];

    /// <summary>values-production.yaml: existing Secret, Ingress, OTLP, no autoscaler, 5 replicas.</summary>
    public static readonly string[] ProductionArguments =
    [
        "--release", "conversations", "--namespace", "conversations-prod",
        "-f", RepositoryPaths.InTestProject("values-production.yaml"),
    ];

    private static readonly Lazy<RenderedChart> LazyDefault = new(() => new RenderedChart(HelmRenderer.Render(RequiredSecretValues)));
    private static readonly Lazy<RenderedChart> LazyProduction = new(() => new RenderedChart(HelmRenderer.Render(ProductionArguments)));

    /// <summary>Chart defaults plus only the required secret values.</summary>
    public static RenderedChart Default => LazyDefault.Value;

    public static RenderedChart Production => LazyProduction.Value;

    public static RenderedChart Get(string values) => values switch
    {
        DefaultValues => Default,
        ProductionValues => Production,
        _ => throw new ArgumentOutOfRangeException(nameof(values), values, "Unknown set of values."),
    };

    public static string[] ArgumentsFor(string values) => values switch
    {
        DefaultValues => RequiredSecretValues,
        ProductionValues => ProductionArguments,
        _ => throw new ArgumentOutOfRangeException(nameof(values), values, "Unknown set of values."),
    };
}
