using System.Collections.Concurrent;
using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Accounts;

/// <summary>
/// This silo's copy of channel accounts (credentials, webhook secrets), so a webhook call or a send does not cost a
/// grain call. Entries live <see cref="Ttl"/>; a change made through this silo is seen at once, elsewhere within the TTL.
/// </summary>
public sealed class ChannelAccountCache(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long an entry is trusted.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<ChannelAccountKey, (ChannelAccount? Account, DateTimeOffset Expires)> _entries = new();

    /// <summary>The account, or null when it is not connected.</summary>
    public async ValueTask<ChannelAccount?> GetAsync(ChannelAccountKey key)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            return entry.Account;
        }

        var account = await grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey()).GetAsync();
        _entries[key] = (account, now + Ttl);
        return account;
    }

    /// <summary>Forgets an entry (after connecting or disconnecting through this silo).</summary>
    public void Invalidate(ChannelAccountKey key) => _entries.TryRemove(key, out _);
}
