using System.Collections.Concurrent;
using System.Diagnostics;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Tenants;

namespace Conversations.Grains.Tenants;

/// <summary>
/// This silo's copy of tenant settings, read by every conversation turn without a grain call. Entries live
/// <see cref="Ttl"/> (wall-clock freshness, not domain time); a change made through this silo is seen at once.
/// </summary>
public sealed class TenantSettingsCache(IGrainFactory grains)
{
    /// <summary>How long an entry is trusted.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, (TenantSettings Settings, long ReadAt)> _entries = new();

    /// <summary>The tenant's settings (defaults for a tenant that does not exist).</summary>
    public async ValueTask<TenantSettings> GetAsync(Guid tenantId)
    {
        if (_entries.TryGetValue(tenantId, out var entry) && Stopwatch.GetElapsedTime(entry.ReadAt) < Ttl)
        {
            return entry.Settings;
        }

        TenantSettings settings;
        try
        {
            settings = await grains.GetGrain<ITenantGrain>(tenantId).GetSettingsAsync();
        }
        catch (DomainException ex) when (ex.Code == DomainErrorCode.NotFound)
        {
            settings = TenantSettings.Default;
        }

        _entries[tenantId] = (settings, Stopwatch.GetTimestamp());
        return settings;
    }

    /// <summary>Forgets a tenant's entry.</summary>
    public void Invalidate(Guid tenantId) => _entries.TryRemove(tenantId, out _);
}
