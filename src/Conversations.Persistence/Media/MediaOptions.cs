namespace Conversations.Persistence.Media;

/// <summary>The media store's settings (<c>Conversations:Media</c>): limits for every tenant and per-tenant overrides.</summary>
public sealed class MediaOptions
{
    /// <summary>Where the durable store keeps files' bytes: PostgreSQL (default) or an S3-compatible bucket (<see cref="S3"/>).</summary>
    public MediaStoreKind Store { get; set; } = MediaStoreKind.PostgreSql;

    /// <summary>The bucket, when <see cref="Store"/> is <see cref="MediaStoreKind.S3"/>.</summary>
    public S3MediaOptions S3 { get; set; } = new();

    /// <summary>Limits of tenants without an entry in <see cref="Tenants"/>.</summary>
    public MediaLimits Default { get; set; } = new();

    /// <summary>Per-tenant limits by tenant id (replace <see cref="Default"/> as a whole for that tenant).</summary>
    public Dictionary<Guid, MediaLimits> Tenants { get; set; } = [];

    /// <summary>How often the retention job deletes files past their tenant's <see cref="MediaLimits.RetentionDays"/> (default hourly).</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Files deleted per statement by the retention job (it repeats until none are left), so no delete holds locks long.</summary>
    public int RetentionBatchSize { get; set; } = 500;

    /// <summary>The limits of <paramref name="tenantId"/>.</summary>
    public MediaLimits For(Guid tenantId) => Tenants.TryGetValue(tenantId, out var limits) ? limits : Default;
}
