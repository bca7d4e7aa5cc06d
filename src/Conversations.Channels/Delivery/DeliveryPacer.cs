using Conversations.Abstractions.Channels;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Delivery;

/// <summary>Per-chat and per-account pacing of this silo's sends.</summary>
internal sealed class DeliveryPacer(IOptions<DeliveryOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TokenBucket> _chats = [];
    private readonly Dictionary<string, TokenBucket> _accounts = [];
    private readonly DeliveryOptions _options = options.Value;

    /// <summary>True when both the chat and the account may send now; otherwise how long to wait.</summary>
    public bool TryAcquire(ChannelAddress to, out TimeSpan wait)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var account = Bucket(_accounts, $"{(int)to.Kind}:{to.Account}", _options.PerAccountPerSecond, Math.Max(1, (int)_options.PerAccountPerSecond), now);
            var chat = Bucket(_chats, $"{(int)to.Kind}:{to.Account}:{to.ChatId}", _options.PerChatPerSecond, _options.PerChatBurst, now);
            if (!account.TryTake(now, out wait))
            {
                return false;
            }

            if (!chat.TryTake(now, out wait))
            {
                account.Return();
                return false;
            }

            if (_chats.Count > 10_000)
            {
                // Forget chats that are idle again, so memory follows the active chats only.
                foreach (var idle in _chats.Where(c => c.Value.IsFull(now)).Select(c => c.Key).ToList())
                {
                    _chats.Remove(idle);
                }
            }

            return true;
        }
    }

    private static TokenBucket Bucket(Dictionary<string, TokenBucket> buckets, string key, double perSecond, int capacity, DateTimeOffset now)
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            bucket = new TokenBucket(perSecond, capacity, now);
            buckets[key] = bucket;
        }

        return bucket;
    }
}
