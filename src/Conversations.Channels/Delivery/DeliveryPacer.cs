using Conversations.Abstractions.Channels;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Delivery;

/// <summary>
/// Per-chat and per-account pacing of this silo's sends, at each channel's rates from the
/// <see cref="ChannelCatalog"/> (configuration may override them for every channel, e.g. in load tests; an account may
/// state its own rate, e.g. a WhatsApp number on a higher throughput tier).
/// </summary>
/// <remarks>
/// An account's budget belongs to the account, not to a silo: each silo paces it at its share, the budget divided by
/// the active silos (<see cref="DeliveryShare"/>), so the cluster together stays within it without a call to anyone on
/// the send path. The outbox claims are spread over the silos, so each gets about its share of the traffic; a silo
/// that gets more than its share waits rather than borrowing another's. Inbound traffic the platform counts against the
/// same budget (WhatsApp counts received messages too) is spent from it by <see cref="CountInbound"/>. A chat's pace is
/// kept here, per silo, unless its channel's pace is shared by the cluster (<see cref="RecipientPace"/>, WhatsApp's pair
/// rate): a chat's messages leave one at a time in order, so a silo's own count is right while the chat stays with it.
/// </remarks>
public sealed class DeliveryPacer(IOptions<DeliveryOptions> options, TimeProvider time, DeliveryShare share)
{
    /// <summary>The <see cref="ChannelAccount.Settings"/> key of an account's own messages-per-second budget, as its admin set it.</summary>
    public const string MessagesPerSecondSetting = "messagesPerSecond";

    /// <summary>
    /// The <see cref="ChannelAccount.Settings"/> key of the budget the platform reported for the account (a WhatsApp
    /// number's throughput level), used when the admin set none.
    /// </summary>
    public const string ReportedMessagesPerSecondSetting = "reportedMessagesPerSecond";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, TokenBucket> _chats = [];
    private readonly Dictionary<string, TokenBucket> _accounts = [];
    private readonly DeliveryOptions _options = options.Value;

    /// <summary>True when both the chat and the account may send now; otherwise how long to wait.</summary>
    /// <param name="to">Where the message goes.</param>
    /// <param name="wait">How long until it may go, when it may not now.</param>
    /// <param name="accountPerSecond">The account's own budget (<see cref="RateOf"/>), instead of the channel's.</param>
    /// <param name="paceChat">False: only the account is paced here (the chat's pace is shared by the cluster: <see cref="RecipientPace"/>).</param>
    public bool TryAcquire(ChannelAddress to, out TimeSpan wait, double? accountPerSecond = null, bool paceChat = true)
    {
        var now = time.GetUtcNow();
        var rates = RatesFor(to.Kind);
        lock (_gate)
        {
            var account = AccountBucket(to.Kind, to.Account, accountPerSecond, now);
            if (!account.TryTake(now, out wait))
            {
                return false;
            }

            if (!paceChat)
            {
                return true;
            }

            var chat = Bucket(_chats, $"{(int)to.Kind}:{to.Account}:{to.ChatId}", rates.PerChatPerSecond, rates.PerChatBurst, now);
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

    /// <summary>Gives back the account's share taken for a send to <paramref name="to"/> that did not happen (its chat must wait).</summary>
    public void ReturnAccount(ChannelAddress to, double? accountPerSecond = null)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            AccountBucket(to.Kind, to.Account, accountPerSecond, now).Return();
        }
    }

    /// <summary>
    /// <paramref name="messages"/> arrived through the account: where the platform counts inbound against the
    /// account's budget (WhatsApp), the next sends wait for them.
    /// </summary>
    public void CountInbound(ChannelKind kind, string account, int messages, double? accountPerSecond = null)
    {
        if (messages <= 0 || ChannelCatalog.Find(kind)?.Rates is not { InboundCounts: true })
        {
            return;
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            AccountBucket(kind, account, accountPerSecond, now).Spend(now, messages);
        }
    }

    /// <summary>The budget an account states for itself in its settings (its admin's, else the platform's report), or null for the channel's.</summary>
    public static double? RateOf(ChannelAccount account) => Setting(account, MessagesPerSecondSetting) ?? Setting(account, ReportedMessagesPerSecondSetting);

    private static double? Setting(ChannelAccount account, string key) =>
        account.Settings?.GetValueOrDefault(key) is { } text
        && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var rate) && rate > 0
            ? rate
            : null;

    /// <summary>The rates pacing applies to <paramref name="kind"/>: configuration, else the catalogue, else the defaults (for the whole cluster).</summary>
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

    /// <summary>This silo's bucket of an account: its share of the account's budget, resized when the cluster changes.</summary>
    private TokenBucket AccountBucket(ChannelKind kind, string account, double? accountPerSecond, DateTimeOffset now)
    {
        var rates = RatesFor(kind);
        var (perSecond, burst) = accountPerSecond is { } own ? (own, Math.Max(1, (int)own)) : (rates.PerAccountPerSecond, rates.PerAccountBurst);
        var silos = share.Silos;
        var sharePerSecond = perSecond / silos;
        var shareBurst = Math.Max(1, burst / silos);
        var bucket = Bucket(_accounts, $"{(int)kind}:{account}", sharePerSecond, shareBurst, now);
        if (bucket.PerSecond != sharePerSecond)
        {
            bucket.Resize(now, sharePerSecond, shareBurst);
        }

        return bucket;
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
