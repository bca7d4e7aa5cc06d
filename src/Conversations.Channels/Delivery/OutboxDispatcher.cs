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
/// Delivers the outbox. Rows this silo commits are pushed to it in memory (<see cref="OutboxPush"/>): each chat's go
/// out one at a time in order, with no claim and no poll. The poll claims the rest, the oldest open message of each
/// chat (so a chat's messages keep their order): rows committed behind an open one, retries that fell due, leases that
/// ran out (a silo died holding them). Either way it admits the send within the tenant's plan
/// (<see cref="ITenantAdmission"/>), paces per chat and per account (<see cref="DeliveryPacer"/>: this silo's share of
/// each account's budget), sends through the channel's <see cref="IChannelSender"/>, and settles
/// each row: sent, retried later (429 <c>retry_after</c>, backoff after 5xx and network errors), failed, or blocked
/// (the identity is then marked unreachable). Runs on every silo; leases keep them apart.
/// </summary>
public sealed partial class OutboxDispatcher(
    IOutboxStore outbox,
    OutboxSignal signal,
    OutboxPush push,
    IEnumerable<IChannelSender> senders,
    ChannelAccountCache accounts,
    IGrainFactory grains,
    DeliveryPacer pacer,
    RecipientPace recipients,
    ITenantAdmission admission,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService, IOutboxReceiver
{
    /// <summary>Activity source of delivery traces.</summary>
    public static readonly ActivitySource Source = new("Conversations.Delivery");

    private static readonly Meter Meter = new("Conversations.Delivery");
    private static readonly Counter<long> Delivered = Meter.CreateCounter<long>("conversations.messages.out", description: "Messages accepted by a channel");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("conversations.delivery.failures", description: "Send attempts that failed, by outcome");
    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>("conversations.outbox.lag", "ms", "Time from commit to acceptance by the channel");

    private readonly DeliveryOptions _options = options.Value;
    private readonly Dictionary<ChannelKind, IChannelSender> _senders = senders.ToDictionary(s => s.Kind);
    private readonly Lock _pushedGate = new();
    private readonly Dictionary<(Guid TenantId, ChannelAddress To), PushedChat> _pushed = [];
    private readonly SemaphoreSlim _pushedSends = new(options.Value.Concurrency);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _drain = new(Timeout.InfiniteTimeSpan, time);
    private int _held;

    /// <inheritdoc />
    TimeSpan IOutboxReceiver.Lease => _options.Lease;

    /// <inheritdoc />
    bool IOutboxReceiver.Accepting => !_stopping.IsCancellationRequested && Volatile.Read(ref _held) < _options.MaxPushed;

    /// <summary>
    /// A pushed row is sent only while this much of its lease is left: closer to the end, a poll elsewhere could take
    /// it over mid-send, so it goes back to the poll instead.
    /// </summary>
    private TimeSpan LeaseMargin => _options.Lease / 6;

    /// <inheritdoc />
    void IOutboxReceiver.Receive(IReadOnlyList<OutboxEntry> rows)
    {
        lock (_pushedGate)
        {
            foreach (var row in rows)
            {
                var key = (row.TenantId, row.To);
                if (!_pushed.TryGetValue(key, out var chat))
                {
                    chat = new PushedChat();
                    _pushed[key] = chat;
                    chat.Sending = Task.Run(() => SendPushedAsync(key, chat));
                }

                chat.Rows.Enqueue(row);
            }

            _held += rows.Count;
        }
    }

    /// <inheritdoc />
    bool IOutboxReceiver.WakeAfter(IReadOnlyCollection<(Guid TenantId, ChannelAddress To)> chats)
    {
        var all = true;
        lock (_pushedGate)
        {
            foreach (var key in chats)
            {
                if (_pushed.TryGetValue(key, out var chat))
                {
                    chat.WakePollWhenDone = true;
                }
                else
                {
                    all = false;
                }
            }
        }

        return all;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _stopping.Dispose();
        _drain.Dispose();
        _pushedSends.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Sends in flight are finished even when the silo is asked to stop: a send cancelled half-way leaves its row
        // 'sending', and it would be sent a second time once the lease runs out. The drain token only fires if shutdown
        // waits longer than the grace period (a channel that stopped answering).
        await using var onStop = stoppingToken.Register(() =>
        {
            _stopping.Cancel();
            _drain.CancelAfter(_options.ShutdownGrace);
        });
        push.Attach(this);
        try
        {
            await PollAsync(stoppingToken);
        }
        finally
        {
            // No row is pushed from here on; the chats still held finish their send in flight and hand the rest back.
            push.Detach(this);
            Task[] sending;
            lock (_pushedGate)
            {
                sending = [.. _pushed.Values.Select(c => c.Sending)];
            }

            await Task.WhenAll(sending);
        }
    }

    /// <summary>The poll: claims what no silo holds (see the class), until the silo stops.</summary>
    private async Task PollAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await outbox.ClaimAsync(time.GetUtcNow(), _options.BatchSize, _options.Lease, stoppingToken);
                if (claimed.Count > 0)
                {
                    var progressed = 0;
                    await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = _drain.Token },
                        async (entry, ct) =>
                        {
                            if ((await DeliverAsync(entry, ct)).Step != DeliveryStep.Paced)
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
    /// Sends one chat's pushed rows one at a time, oldest first. A row pacing holds back waits here while its lease
    /// allows; a row that goes back to the outbox (a retry, a long pacing wait) takes the rest of the chat back with it,
    /// so the poll sends them after it, in order; so does stopping.
    /// </summary>
    private async Task SendPushedAsync((Guid TenantId, ChannelAddress To) key, PushedChat chat)
    {
        while (true)
        {
            OutboxEntry row;
            lock (_pushedGate)
            {
                if (!chat.Rows.TryPeek(out row!))
                {
                    EndPushedChat(key, chat);
                    return;
                }
            }

            var leaseUntil = row.LeaseUntil ?? time.GetUtcNow();
            var now = time.GetUtcNow();
            var handBack = false;
            (DeliveryStep Step, TimeSpan Wait) attempt = default;
            try
            {
                await _pushedSends.WaitAsync(_drain.Token);
                try
                {
                    // Checked with a send slot in hand: waiting for one may have taken a while.
                    now = time.GetUtcNow();
                    handBack = _stopping.IsCancellationRequested || leaseUntil - now < LeaseMargin;
                    if (!handBack)
                    {
                        attempt = await DeliverAsync(row, _drain.Token, holdWhenPaced: true);
                    }
                }
                finally
                {
                    _pushedSends.Release();
                }

                if (handBack)
                {
                    // Not attempted: the silo stops, or too little of the lease is left. The row goes back with the rest.
                    await ReleasePushedAsync(key, chat, now);
                    return;
                }

                if (attempt.Step == DeliveryStep.Paced && time.GetUtcNow() + attempt.Wait > leaseUntil - LeaseMargin)
                {
                    // Longer than the lease allows: the row waits in the outbox for its time, the rest behind it.
                    await outbox.RescheduleAsync(row.Id, now + attempt.Wait, null, attempted: false, _drain.Token);
                    attempt = (DeliveryStep.Rescheduled, attempt.Wait);
                }
            }
            catch (Exception ex)
            {
                // The database or the account lookup failed: the rows stay leased to this silo, and the poll (here
                // or on another silo) takes them over in order when the lease runs out.
                LogPushedChatDropped(logger, ex, row.MessageId, chat.Rows.Count);
                DropPushedChat(key, chat);
                return;
            }

            if (attempt.Step == DeliveryStep.Paced)
            {
                // Cut short when the silo stops: the loop then hands the chat back.
                await Task.Delay(attempt.Wait, time, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            lock (_pushedGate)
            {
                chat.Rows.Dequeue();
                _held--;
            }

            if (attempt.Step == DeliveryStep.Rescheduled)
            {
                await ReleasePushedAsync(key, chat, now);
                return;
            }
        }
    }

    /// <summary>Hands a chat's remaining pushed rows back to the poll, due now (behind any older row of the chat).</summary>
    private async Task ReleasePushedAsync((Guid TenantId, ChannelAddress To) key, PushedChat chat, DateTimeOffset now)
    {
        List<OutboxEntry> rows;
        lock (_pushedGate)
        {
            rows = [.. chat.Rows];
            chat.Rows.Clear();
            _held -= rows.Count;
            _pushed.Remove(key);
        }

        try
        {
            await outbox.ReleaseAsync([.. rows.Select(r => (r.Id, r.LeaseUntil ?? now))], now, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(logger, ex, rows.Count);
        }

        signal.Notify();
    }

    /// <summary>Forgets a chat's pushed rows without touching them: they are taken over when their lease runs out.</summary>
    private void DropPushedChat((Guid TenantId, ChannelAddress To) key, PushedChat chat)
    {
        lock (_pushedGate)
        {
            _held -= chat.Rows.Count;
            chat.Rows.Clear();
            _pushed.Remove(key);
        }
    }

    /// <summary>A chat's pushed rows are all settled (under the lock).</summary>
    private void EndPushedChat((Guid TenantId, ChannelAddress To) key, PushedChat chat)
    {
        _pushed.Remove(key);
        if (chat.WakePollWhenDone)
        {
            signal.Notify();
        }
    }

    /// <summary>
    /// Delivers one claimed or pushed message and settles its row. When pacing holds it back no attempt is made: the
    /// row is rescheduled for when it may go, or, with <paramref name="holdWhenPaced"/>, left as it is for the caller
    /// to hold for the returned wait.
    /// </summary>
    internal async Task<(DeliveryStep Step, TimeSpan Wait)> DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken, bool holdWhenPaced = false)
    {
        var now = time.GetUtcNow();
        // Business notifications go to the tenant itself: no channel account behind them.
        var account = ChannelCatalog.IsNotification(entry.To.Kind)
            ? new ChannelAccount(new ChannelAccountKey(entry.To.Kind, entry.To.Account), entry.TenantId, "notifications", InboundMode.Webhook, null, null, true)
            : await accounts.GetAsync(new ChannelAccountKey(entry.To.Kind, entry.To.Account));
        if (account is null || !account.Enabled || account.TenantId != entry.TenantId)
        {
            await outbox.MarkFailedAsync(entry.Id, DeliveryStatus.Failed, $"The {entry.To.Kind} account {entry.To.Account} is not connected to this tenant.", now, cancellationToken);
            return (DeliveryStep.Settled, TimeSpan.Zero);
        }

        if (!_senders.TryGetValue(entry.To.Kind, out var sender))
        {
            await outbox.RescheduleAsync(entry.Id, now + _options.MaxRetryDelay, $"No {entry.To.Kind} gateway runs on this silo.", attempted: false, cancellationToken);
            return (DeliveryStep.Rescheduled, TimeSpan.Zero);
        }

        // The tenant's plan bounds its sends (rate and sends in flight): over it, the row waits in the outbox, unattempted,
        // and stays the oldest of its chat, so the chat's order holds.
        using var admitted = await admission.AdmitAsync(TenantWork.Outbound, entry.TenantId);
        if (!admitted.Admitted)
        {
            // Like pacing: a pushed row waits in memory while its lease allows, a polled one goes back to the outbox.
            if (!holdWhenPaced)
            {
                await outbox.RescheduleAsync(entry.Id, now + admitted.RetryAfter, null, attempted: false, cancellationToken);
            }

            return (DeliveryStep.Paced, admitted.RetryAfter);
        }

        // The account's share is this silo's (memory); a chat whose pace the cluster shares takes it from the database
        // once the account allowed the send, and gives the account's token back when the chat must wait.
        var accountRate = DeliveryPacer.RateOf(account);
        var sharedChat = recipients.IsShared(entry.To.Kind);
        TimeSpan? paced = pacer.TryAcquire(entry.To, out var wait, accountRate, paceChat: !sharedChat) ? null : wait;
        if (paced is null && sharedChat && await recipients.TryTakeAsync(entry.To, cancellationToken) is { } chatWait)
        {
            pacer.ReturnAccount(entry.To, accountRate);
            paced = chatWait;
        }

        if (paced is { } hold)
        {
            if (!holdWhenPaced)
            {
                await outbox.RescheduleAsync(entry.Id, now + hold, null, attempted: false, cancellationToken);
            }

            return (DeliveryStep.Paced, hold);
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
        var step = DeliveryStep.Settled;
        switch (result.Outcome)
        {
            case DeliveryOutcome.Sent:
                await SettleAsync(() => outbox.MarkSentAsync(entry.Id, result.ChannelMessageId, now, cancellationToken), entry, cancellationToken);
                Delivered.Add(1, new KeyValuePair<string, object?>("channel", entry.To.Kind.ToString()));
                Lag.Record((now - entry.CreatedAt).TotalMilliseconds, new KeyValuePair<string, object?>("channel", entry.To.Kind.ToString()));
                return (DeliveryStep.Settled, TimeSpan.Zero);
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
                if (result.RecipientPaced && recipients.IsShared(entry.To.Kind))
                {
                    await recipients.HoldOffAsync(entry.To, now + (result.RetryAfter ?? _options.FirstRetryDelay), cancellationToken);
                }

                await outbox.RescheduleAsync(entry.Id, now + (result.RetryAfter ?? _options.FirstRetryDelay), result.Error, attempted: true, cancellationToken);
                step = DeliveryStep.Rescheduled;
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
                    step = DeliveryStep.Rescheduled;
                    LogDeliveryDeferred(logger, thrown, entry.MessageId, entry.To.Kind, result.Outcome, attempts, result.Error);
                }

                break;
        }

        Failures.Add(1, new KeyValuePair<string, object?>("channel", entry.To.Kind.ToString()), new KeyValuePair<string, object?>("outcome", result.Outcome.ToString()));
        return (step, TimeSpan.Zero);
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
        var giveUpAt = (entry.LeaseUntil ?? time.GetUtcNow() + _options.Lease) - TimeSpan.FromSeconds(5);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending pushed message {MessageId} failed; it and the {Count} pushed rows of its chat are taken over when their lease runs out")]
    private static partial void LogPushedChatDropped(ILogger logger, Exception exception, Guid messageId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing {Count} pushed outbox rows back to the poll failed; they are taken over when their lease runs out")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, int count);

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
