using Conversations.Abstractions.Channels;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Delivery;

/// <summary>
/// Per-chat and per-account pacing of this silo's sends, at each channel's rates from the
/// <see cref="ChannelCatalog"/> (configuration may override them for every channel, e.g. in load tests).
/// </summary>
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
        var rates = RatesFor(to.Kind);
        lock (_gate)
        {
            var account = Bucket(_accounts, $"{(int)to.Kind}:{to.Account}", rates.PerAccountPerSecond, rates.PerAccountBurst, now);
            var chat = Bucket(_chats, $"{(int)to.Kind}:{to.Account}:{to.ChatId}", rates.PerChatPerSecond, rates.PerChatBurst, now);
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

    /// <summary>The rates pacing applies to <paramref name="kind"/>: configuration, else the catalogue, else the defaults.</summary>
    internal (double PerAccountPerSecond, int PerAccountBurst, double PerChatPerSecond, int PerChatBurst) RatesFor(ChannelKind kind)
    {
        var stated = ChannelCatalog.Find(kind)?.Rates ?? ChannelRateLimits.NotStated;
        var perAccount = _options.PerAccountPerSecond ?? stated.PerAccountPerSecond ?? DeliveryOptions.DefaultPerAccountPerSecond;
        // A configured account rate also sets its burst (one second's worth), as it always did.
        var accountBurst = _options.PerAccountPerSecond is null && stated.PerAccountBurst is { } burst ? burst : Math.Max(1, (int)perAccount);
        var perChat = _options.PerChatPerSecond ?? stated.PerRecipientPerSecond ?? DeliveryOptions.DefaultPerChatPerSecond;
        var chatBurst = _options.PerChatBurst ?? stated.PerRecipientBurst ?? DeliveryOptions.DefaultPerChatBurst;
        return (perAccount, accountBurst, perChat, chatBurst);
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
