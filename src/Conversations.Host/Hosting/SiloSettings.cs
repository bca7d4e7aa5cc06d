namespace Conversations.Host.Hosting;

/// <summary>
/// How a silo runs, read from configuration (section <c>Orleans</c> and <c>ConnectionStrings:Postgres</c>).
/// Without a connection string the silo runs embedded: localhost clustering and memory storage.
/// </summary>
public sealed record SiloSettings
{
    /// <summary>PostgreSQL connection string; null means the embedded mode.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    public string ClusterId { get; init; } = "conversations";

    /// <summary>Stable id of the service; grain state and reminders are keyed by it.</summary>
    public string ServiceId { get; init; } = "conversations";

    /// <summary>Port for silo-to-silo traffic.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Port for Orleans clients.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The address other silos reach this one at; null picks this host's address.</summary>
    public string? AdvertisedAddress { get; init; }

    /// <summary>Detect dead silos within a few seconds instead of the default ~10–60 s.</summary>
    public bool FastFailureDetection { get; init; } = true;

    /// <summary>Running as pods on Kubernetes: the Orleans Kubernetes integration watches pods and removes dead silos quickly.</summary>
    public bool Kubernetes { get; init; }

    /// <summary>True when running on PostgreSQL.</summary>
    public bool IsDurable => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    /// <summary>Reads the settings from configuration.</summary>
    public static SiloSettings From(IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        var defaults = new SiloSettings();
        return new SiloSettings
        {
            PostgresConnectionString = configuration.GetConnectionString("Postgres"),
            ClusterId = orleans["ClusterId"] ?? defaults.ClusterId,
            ServiceId = orleans["ServiceId"] ?? defaults.ServiceId,
            SiloPort = orleans.GetValue("SiloPort", defaults.SiloPort),
            GatewayPort = orleans.GetValue("GatewayPort", defaults.GatewayPort),
            AdvertisedAddress = orleans["AdvertisedAddress"],
            FastFailureDetection = orleans.GetValue("FastFailureDetection", defaults.FastFailureDetection),
            Kubernetes = orleans.GetValue("Kubernetes", false),
        };
    }
}
