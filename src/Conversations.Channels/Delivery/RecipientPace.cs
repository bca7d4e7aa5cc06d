using Conversations.Abstractions.Channels;
using Conversations.Persistence.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Delivery;

/// <summary>
/// The per-chat pace of the channels that share it across the cluster (<see cref="DeliveryOptions.SharedChatPace"/>,
/// WhatsApp by default): kept in the database (<see cref="IRecipientPaceStore"/>, one statement per send), so a chat's
/// burst is spent once whichever silo sends, and the platform's pair-rate refusal holds the chat off on every silo.
/// </summary>
public sealed partial class RecipientPace(IRecipientPaceStore store, DeliveryPacer pacer, IOptions<DeliveryOptions> options, TimeProvider time,
    ILogger<RecipientPace> logger)
{
    /// <summary>How often idle recipients are forgotten (by each silo; deleting what another silo deleted costs nothing).</summary>
    public static readonly TimeSpan ForgetIdleEvery = TimeSpan.FromMinutes(10);

    private readonly HashSet<ChannelKind> _shared = [.. options.Value.SharedChatPace];
    private long _forgotAtTicks = time.GetUtcNow().UtcTicks;

    /// <summary>True when <paramref name="kind"/>'s chats are paced here rather than by each silo's <see cref="DeliveryPacer"/>.</summary>
    public bool IsShared(ChannelKind kind) => _shared.Contains(kind);

    /// <summary>Takes one send to <paramref name="to"/>: null when it may go now, else how long until it may.</summary>
    public async Task<TimeSpan?> TryTakeAsync(ChannelAddress to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        ForgetIdleNowAndThen(now);
        return await store.TryTakeAsync(to, now, RateOf(to.Kind), cancellationToken);
    }

    /// <summary>Nothing goes to <paramref name="to"/> before <paramref name="until"/>, on any silo; then no burst.</summary>
    public Task HoldOffAsync(ChannelAddress to, DateTimeOffset until, CancellationToken cancellationToken) =>
        store.HoldOffAsync(to, until, RateOf(to.Kind), cancellationToken);

    private RecipientPaceRate RateOf(ChannelKind kind)
    {
        var rates = pacer.RatesFor(kind);
        return new RecipientPaceRate(rates.PerChatPerSecond, rates.PerChatBurst);
    }

    /// <summary>Forgets idle recipients once every <see cref="ForgetIdleEvery"/>, beside the send path (not awaited by it).</summary>
    private void ForgetIdleNowAndThen(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _forgotAtTicks);
        if (now.UtcTicks - last < ForgetIdleEvery.Ticks || Interlocked.CompareExchange(ref _forgotAtTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await store.ForgetIdleAsync(now);
            }
            catch (Exception ex)
            {
                LogForgetFailed(logger, ex); // the rows stay; the next round deletes them
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forgetting idle recipients' pace failed; retried in the next round")]
    private static partial void LogForgetFailed(ILogger logger, Exception exception);
}
