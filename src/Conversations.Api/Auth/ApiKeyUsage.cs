using System.Collections.Concurrent;
using Conversations.Abstractions.Tenants;
using Microsoft.Extensions.Logging;

namespace Conversations.Api.Auth;

/// <summary>
/// Records when each API key was last used, cheaply: a request with a key costs a dictionary read, and the tenant grain
/// hears of a key's use at most once every <see cref="Interval"/> per silo (off the request's path), never once per request.
/// The admin's list therefore says when a key was last used to about a minute.
/// </summary>
public sealed partial class ApiKeyUsage(IGrainFactory grains, TimeProvider time, ILogger<ApiKeyUsage> logger)
{
    /// <summary>How often one silo records a key's use at most.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // Key id → when this silo last recorded its use: one entry per key used here (a revoked key's stays, a few bytes).
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _recorded = new();

    /// <summary>Notes that the key <paramref name="keyId"/> of <paramref name="tenantId"/> was used now.</summary>
    public void Used(Guid tenantId, Guid keyId)
    {
        var now = time.GetUtcNow();
        if (_recorded.TryGetValue(keyId, out var last) ? now - last < Interval || !_recorded.TryUpdate(keyId, now, last) : !_recorded.TryAdd(keyId, now))
        {
            return; // recorded within the minute, or another request is recording it right now
        }

        _ = RecordAsync(tenantId, keyId, now);
    }

    private async Task RecordAsync(Guid tenantId, Guid keyId, DateTimeOffset at)
    {
        try
        {
            await grains.GetGrain<ITenantGrain>(tenantId).RecordApiKeyUseAsync(keyId, at);
        }
        catch (Exception ex)
        {
            // Only the "last used" column is late; the next use after the interval records it again.
            LogRecordFailed(logger, keyId, tenantId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last use of API key {KeyId} of tenant {TenantId} could not be recorded")]
    private static partial void LogRecordFailed(ILogger logger, Guid keyId, Guid tenantId, Exception exception);
}
