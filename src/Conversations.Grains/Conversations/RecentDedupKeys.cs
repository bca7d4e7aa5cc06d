using Conversations.Persistence.Conversations;

namespace Conversations.Grains.Conversations;

/// <summary>
/// The dedup keys of a conversation's latest inbound messages, so a channel's redelivery is answered from
/// memory. Bounded: older keys fall out and are caught by the store's unique index instead.
/// </summary>
internal sealed class RecentDedupKeys(int capacity = DedupEntry.RecentWindow)
{
    private readonly Dictionary<string, DedupEntry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>The entry for <paramref name="key"/>, if recent.</summary>
    public bool TryGet(string key, out DedupEntry entry) => _entries.TryGetValue(key, out entry!);

    /// <summary>Remembers a stored key, forgetting the oldest beyond the capacity.</summary>
    public void Add(DedupEntry entry)
    {
        if (!_entries.TryAdd(entry.DedupKey, entry))
        {
            return;
        }

        _order.Enqueue(entry.DedupKey);
        while (_order.Count > capacity)
        {
            _entries.Remove(_order.Dequeue());
        }
    }
}
