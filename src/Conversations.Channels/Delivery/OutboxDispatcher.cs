using System.Diagnostics;
using System.Diagnostics.Metrics;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants.Admission;
using Conversations.Channels.Accounts;
using Conversations.Persistence.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Delivery;

/// <summary>
/// Delivers the outbox: claims the oldest open message of each chat (so a chat's messages keep their order),
/// admits the send within the tenant's plan (<see cref="ITenantAdmission"/>), paces per chat and per account (<see cref="DeliveryPacer"/>: this silo's share of each account's budget), sends through the channel's <see cref="IChannelSender"/>, and settles each
/// row: sent, retried later (429 <c>retry_after</c>, backoff after 5xx and network errors), failed, or blocked
/// (the identity is then marked unreachable). Runs on every silo; the store's claims keep them apart.
/// </summary>
public sealed partial class OutboxDispatcher(
    IOutboxStore outbox,
    OutboxSignal signal,
    IEnumerable<IChannelSender> senders,
    ChannelAccountCache accounts,
    IGrainFactory grains,
    DeliveryPacer pacer,
    ITenantAdmission admission,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>Activity source of delivery traces.</summary>
    public static readonly ActivitySource Source = new("Conversations.Delivery");

    private static readonly Meter Meter = new("Conversations.Delivery");
    private static readonly Counter<long> Delivered = Meter.CreateCounter<long>("conversations.messages.out", description: "Messages accepted by a channel");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("conversations.delivery.failures", description: "Send attempts that failed, by outcome");
    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>("conversations.outbox.lag", "ms", "Time from commit to acceptance by the channel");

    private readonly DeliveryOptions _options = options.Value;
    private readonly Dictionary<ChannelKind, IChannelSender> _senders = senders.ToDictionary(s => s.Kind);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await outbox.ClaimAsync(time.GetUtcNow(), _options.BatchSize, _options.Lease, stoppingToken);
                if (claimed.Count > 0)
                {
                    // A claimed batch is finished even when the silo is asked to stop: a send cancelled half-way leaves
                    // its row 'sending', and it would be sent a second time once the lease runs out. The drain token
                    // only fires if shutdown waits longer than the grace period (a channel that stopped answering).
                    using var drain = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
                    await using var onStop = stoppingToken.Register(() => drain.CancelAfter(_options.ShutdownGrace));
                    var progressed = 0;
                    await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = drain.Token },
                        async (entry, ct) =>
                        {
                            if (await DeliverAsync(entry, ct))
                            {
                                Interlocked.Increment(ref progressed);
                            }
                        });
                    if (progressed > 0)
                    {
                        continue; // more may be waiting right behind (the next message of each chat)
                    }

                    // Everything claimed was held back by pacing: sleep until the first of them is due instead of spinning.
                }

                await signal.WaitAsync(await NextWakeUpAsync(stoppingToken), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database is unreachable or similar: back off one poll interval and try again.
                LogDispatchFailed(logger, ex);
                await signal.WaitAsync(_options.PollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Delivers one claimed message and settles its row; false when pacing held it back (no attempt was made).
    /// Internal for tests.
    /// </summary>
    internal async Task<bool> DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Business notifications go to the tenant itself: no channel account behind them.
        var account = ChannelCatalog.IsNotification(entry.To.Kind)
            ? new ChannelAccount(new ChannelAccountKey(entry.To.Kind, entry.To.Account), entry.TenantId, "notifications", InboundMode.Webhook, null, null, true)
            : await accounts.GetAsync(new ChannelAccountKey(entry.To.Kind, entry.To.Account));
        if (account is null || !account.Enabled || account.TenantId != entry.TenantId)
        {
            await outbox.MarkFailedAsync(entry.Id, DeliveryStatus.Failed, $"The {entry.To.Kind} account {entry.To.Account} is not connected to this tenant.", now, cancellationToken);
            return true;
        }

        if (!_senders.TryGetValue(entry.To.Kind, out var sender))
        {
            await outbox.RescheduleAsync(entry.Id, now + _options.MaxRetryDelay, $"No {entry.To.Kind} gateway runs on this silo.", attempted: false, cancellationToken);
            return true;
        }

        // The tenant's plan bounds its sends (rate and sends in flight): over it, the row waits in the outbox, unattempted,
        // and stays the oldest of its chat, so the chat's order holds.
        using var admitted = await admission.AdmitAsync(TenantWork.Outbound, entry.TenantId);
        if (!admitted.Admitted)
        {
            await outbox.RescheduleAsync(entry.Id, now + admitted.RetryAfter, null, attempted: false, cancellationToken);
            return false;
        }

        if (!pacer.TryAcquire(entry.To, out var wait, DeliveryPacer.RateOf(account)))
        {
            await outbox.RescheduleAsync(entry.Id, now + wait, null, attempted: false, cancellationToken);
            return false;
        }

        using var activity = Source.StartActivity("outbox deliver", ActivityKind.Producer);
        activity?.SetTag("conversations.channel", entry.To.Kind.ToString());
        activity?.SetTag("conversations.message_id", entry.MessageId);
        DeliveryResult result;
        Exception? thrown = null;
        try
        {
            result = await sender.SendAsync(account, ToOutbound(entry), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A sender's classifier answers every failure it knows; anything else is unexpected: retry it, and keep
            // the exception (with its stack trace) for the log.
            thrown = ex;
            result = DeliveryResult.Transient(ex.Message);
        }

        now = time.GetUtcNow();
        var attempts = entry.Attempts + 1;
        switch (result.Outcome)
        {
            case DeliveryOutcome.Sent:
                await SettleAsync(() => outbox.MarkSentAsync(entry.Id, result.ChannelMessageId, now, cancellationToken), entry, cancellationToken);
                Delivered.Add(1, new KeyValuePair<string, object?>("channel", entry.To.Kind.ToString()));
                Lag.Record((now - entry.CreatedAt).TotalMilliseconds, new KeyValuePair<string, object?>("channel", entry.To.Kind.ToString()));
                return true;
            case DeliveryOutcome.RecipientBlocked:
                await SettleAsync(() => outbox.MarkFailedAsync(entry.Id, DeliveryStatus.Blocked, result.Error ?? "The customer blocked the bot.", now, cancellationToken), entry, cancellationToken);
                await grains.GetGrain<IChannelIdentityGrain>(new ChannelIdentityKey(entry.TenantId, entry.To.Kind, entry.To.Account, entry.To.ChatId).ToGrainKey())
                    .SetReachableAsync(false);
                LogRecipientBlocked(logger, entry.MessageId, entry.To.Kind, result.Error);
                break;
            case DeliveryOutcome.Permanent:
                await SettleAsync(() => outbox.MarkFailedAsync(entry.Id, DeliveryStatus.Failed, result.Error ?? "Refused by the channel.", now, cancellationToken), entry, cancellationToken);
                LogDeliveryRefused(logger, thrown, entry.MessageId, entry.To.Kind, attempts, result.Error);
                break;
            case DeliveryOutcome.RetryAfter:
                await outbox.RescheduleAsync(entry.Id, now + (result.RetryAfter ?? _options.FirstRetryDelay), result.Error, attempted: true, cancellationToken);
                LogDeliveryDeferred(logger, thrown, entry.MessageId, entry.To.Kind, result.Outcome, attempts, result.Error);
                break;
            default:
                if (attempts >= _options.MaxAttempts)
                {
                    await outbox.MarkFailedAsync(entry.Id, DeliveryStatus.Failed, $"Gave up after {attempts} attempts: {result.Error}", now, cancellationToken);
                    LogDeliveryGaveUp(logger, thrown, entry.MessageId, entry.To.Kind, attempts, result.Error);
                }
                else
                {
                    await outbox.RescheduleAsync(entry.Id, now + Backoff(attempts), result.Error, attempted: true, cancellationToken);
                    LogDeliveryDeferred(logger, thrown, entry.MessageId, entry.To.Kind, result.Outcome, attempts, result.Error);
                }

                break;
        }

        Failures.Add(1, new KeyValuePair<string, object?>("channel", entry.To.Kind.ToString()), new KeyValuePair<string, object?>("outcome", result.Outcome.ToString()));
        return true;
    }

    /// <summary>The channel-neutral message a sender sees for an outbox row.</summary>
    internal static OutboundMessage ToOutbound(OutboxEntry entry) =>
        new(entry.MessageId, entry.TenantId, entry.ConversationId, entry.To, entry.Content, entry.Attempts + 1, entry.LeaseExpired,
            entry.Author, entry.OperatorId, entry.MessageTag);

    /// <summary>
    /// Records the outcome of a send that happened. The message is out, so losing this write (the database restarting)
    /// would send it again once the lease runs out: retry it while this silo still holds the lease.
    /// </summary>
    private async Task SettleAsync(Func<Task> settle, OutboxEntry entry, CancellationToken cancellationToken)
    {
        var giveUpAt = time.GetUtcNow() + _options.Lease - TimeSpan.FromSeconds(5);
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await settle();
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && time.GetUtcNow() + delay < giveUpAt)
            {
                LogSettleRetry(logger, ex, entry.MessageId);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var delay = _options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempts - 1);
        return TimeSpan.FromMilliseconds(Math.Min(delay, _options.MaxRetryDelay.TotalMilliseconds));
    }

    /// <summary>When to look again: the next due row, or one poll interval from now, whichever comes first.</summary>
    private async Task<DateTimeOffset> NextWakeUpAsync(CancellationToken cancellationToken)
    {
        var poll = time.GetUtcNow() + _options.PollInterval;
        var next = await outbox.NextDueAtAsync(cancellationToken);
        return next is { } due && due < poll ? due : poll;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the delivery of message {MessageId} failed; retrying while the lease holds")]
    private static partial void LogSettleRetry(ILogger logger, Exception exception, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch round failed; retrying")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {MessageId} to {Channel} deferred: {Outcome} (attempt {Attempts}): {Error}")]
    private static partial void LogDeliveryDeferred(ILogger logger, Exception? exception, Guid messageId, ChannelKind channel, DeliveryOutcome outcome, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {MessageId} to {Channel}: the recipient blocked us: {Error}")]
    private static partial void LogRecipientBlocked(ILogger logger, Guid messageId, ChannelKind channel, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery of {MessageId} to {Channel} refused by the channel (attempt {Attempts}): {Error}")]
    private static partial void LogDeliveryRefused(ILogger logger, Exception? exception, Guid messageId, ChannelKind channel, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery of {MessageId} to {Channel} failed for good after {Attempts} attempts: {Error}")]
    private static partial void LogDeliveryGaveUp(ILogger logger, Exception? exception, Guid messageId, ChannelKind channel, int attempts, string? error);
}
