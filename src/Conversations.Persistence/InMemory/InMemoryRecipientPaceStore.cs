using Conversations.Abstractions.Channels;
using Conversations.Persistence.Outbox;

namespace Conversations.Persistence.InMemory;

/// <summary>Recipients' pace in process memory, for the embedded mode (one silo: nothing to share).</summary>
public sealed class InMemoryRecipientPaceStore : IRecipientPaceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ChannelAddress, DateTimeOffset> _tats = [];

    /// <inheritdoc />
    public Task<TimeSpan?> TryTakeAsync(ChannelAddress to, DateTimeOffset now, RecipientPaceRate rate, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var (tat, wait) = rate.Take(_tats.TryGetValue(to, out var at) ? at : null, now);
            _tats[to] = tat;
            return Task.FromResult(wait);
        }
    }

    /// <inheritdoc />
    public Task HoldOffAsync(ChannelAddress to, DateTimeOffset until, RecipientPaceRate rate, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _tats[to] = rate.HoldOff(_tats.TryGetValue(to, out var at) ? at : null, until);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> ForgetIdleAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var idle = _tats.Where(t => t.Value <= now).Select(t => t.Key).ToList();
            idle.ForEach(key => _tats.Remove(key));
            return Task.FromResult(idle.Count);
        }
    }
}
