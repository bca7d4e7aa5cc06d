using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants.Admission;
using Conversations.Grains.Bot;
using Conversations.Grains.Infrastructure;
using Conversations.Grains.Tenants;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Media;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Utilities;

namespace Conversations.Grains.Conversations;

/// <summary>
/// One conversation. Its row and messages are written through the group-commit store (one transaction
/// for many grains), not through Orleans grain storage: a per-message grain-state write would cap
/// ingestion at one commit per message. Every change is built on copies (<see cref="ConversationDraft"/>)
/// and applied to memory only after the store acknowledged it, so memory never runs ahead of the database.
/// </summary>
/// <remarks>
/// Parts: this file (inbound messages, history, commits), <c>.Turns</c> (the bot and the waiting room),
/// <c>.LiveChat</c> (handoff, operators), <c>.Timers</c> (auto-release and idle close), <c>.Customer</c> (moved by a merge),
/// <c>.Signals</c> (typing and read marks, never stored).
/// A turn is one commit: a customer message, the bot's reply, its outbox rows and the advanced cursor are one
/// group-commit entry, and the message is acknowledged when it is durable. A reply that calls the business's system
/// (a scenario http step) runs outside the grain's turn: the message is stored pending, and the row's cursor of the
/// last handled customer message finds it again (when the call is done, on activation, or by the sweeper) so it is
/// answered exactly once: the reply, its outbox rows and the cursor commit together.
/// </remarks>
internal sealed partial class ConversationGrain(
    IConversationStore store,
    IConversationBot bot,
    TenantSettingsCache tenantSettings,
    MediaFetchSignal mediaFetchSignal,
    IIdGenerator ids,
    TimeProvider time,
    AfterCommitCalls afterCommit,
    Persistence.Customers.ICustomerLedger customerLedger,
    ITenantAdmission admission,
    Persistence.Subscriptions.ISubscriptionLedger subscriptions,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain, IRemindable
{
    private readonly RecentDedupKeys _recent = new();
    private readonly ObserverManager<IConversationObserver> _observers = new(TimeSpan.FromMinutes(1), logger);
    private readonly CommitNews _news = new(logger);

    /// <summary>How long a going activation waits for its news to be told (see <see cref="CommitNews"/>).</summary>
    internal static readonly TimeSpan NewsDrainTimeout = TimeSpan.FromSeconds(5);
    private ConversationKey _key;
    private ConversationRecord? _record;
    private ConversationDetails _details = new();
    private IAsyncStream<ConversationEvent>? _feed;
    private OutsideBotTurn? _outsideTurn;
    private IGrainTimer? _deferredTurns;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = ConversationKey.Parse(this.GetPrimaryKeyString());
        _feed = this.GetStreamProvider(ConversationStreams.Provider)
            .GetStream<ConversationEvent>(StreamId.Create(ConversationStreams.TenantFeed, _key.TenantId));
        var loaded = await store.LoadAsync(_key.TenantId, _key.ConversationId, cancellationToken);
        if (loaded is null)
        {
            return;
        }

        _record = loaded.Conversation;
        _details = ConversationDetails.FromJson(loaded.Conversation.StateJson);
        foreach (var entry in loaded.RecentDedupKeys)
        {
            _recent.Add(entry);
        }

        if (_record.TurnPending)
        {
            // The previous activation stored a message but died before its turn ran.
            ScheduleTurn();
        }

        ArmTimer();
    }

    /// <summary>True when <paramref name="message"/> answers in this closed conversation's thread within the channel's reopening time.</summary>
    private bool MayReopen(InboundMessage message) =>
        message.Thread is { ContinuesConversationId: var continued, ReopenWithin: var within } && continued == _key.ConversationId
        && _record?.ClosedAt is { } closedAt && time.GetUtcNow() - closedAt < within;

    /// <inheritdoc />
    public async Task<InboundResult> ReceiveCustomerMessageAsync(CustomerProfile customer, InboundMessage message)
    {
        if (_recent.TryGet(message.DedupKey, out var known))
        {
            return Duplicate(customer.CustomerId, known);
        }

        var reopens = _record?.Status == ConversationStatus.Closed;
        if (reopens && !MayReopen(message))
        {
            throw DomainException.Conflict($"Conversation {_key.ConversationId} is closed.");
        }

        var draft = Draft(_record ?? NewRecord(customer));
        if (reopens)
        {
            // An answer in the closed conversation's mail thread, soon enough: the same conversation goes on with its history.
            draft.Record = draft.Record with { Status = ConversationStatus.Bot, ClosedAt = null };
            draft.Event(ConversationEventKind.ConversationOpened, "reopened: the customer answered in its thread");
        }

        var channel = message.ReplyTo.Kind;
        draft.Details.LastCustomerMessageAt[channel] = draft.Now;
        draft.Details.WindowClosedAt.Remove(channel); // a new window opens
        draft.Details.ReplyTo = message.ReplyTo;
        draft.Details.Customer = customer;
        draft.Details.CustomerLanguage = CustomerLanguage.From(message.Sender?.LanguageCode) ?? draft.Details.CustomerLanguage;
        if (_record is null)
        {
            draft.Event(ConversationEventKind.ConversationOpened);
        }

        var stored = draft.Add(MessageDirection.Customer, message.Content, channel, channelMessageId: message.ChannelMessageId, dedupKey: message.DedupKey);
        draft.FetchMediaOf(stored, message.ReplyTo);
        var status = draft.Record.Status;
        if (status == ConversationStatus.LiveChat)
        {
            await RestartIdleCountdownAsync(draft);
        }

        // An opt-out is answered here in every status (the message stays in the history for operators); the bot skips it.
        var unsubscribed = await OptOutAsync(draft, stored, customer.CustomerId, message.DedupKey);

        // A turn is one commit: when nothing earlier waits for the bot, its answer (or the waiting room's) goes into
        // this draft with the message, and the cursor moves past it. Otherwise the message waits on the cursor path.
        var answered = status == ConversationStatus.LiveChat
            || (_record is not { TurnPending: true } && (unsubscribed || await InlineTurnAsync(draft, stored)));
        draft.Record = draft.Record with
        {
            LastCustomerSeq = stored.Seq,
            // In live chat the operator answers: nothing is pending for the bot or the waiting room.
            BotCursor = answered ? stored.Seq : draft.Record.BotCursor,
            LastCustomerMessageAt = draft.Now,
            LastChannel = channel,
            CustomerDisplayName = customer.DisplayName,
        };

        try
        {
            await CommitAsync(draft);
        }
        catch (DuplicateMessageException)
        {
            // Stored earlier, possibly in a previous conversation of this customer.
            var entry = await store.FindByDedupKeyAsync(_key.TenantId, message.DedupKey)
                ?? throw new InvalidOperationException($"Dedup key {message.DedupKey} reported stored but not found.");
            return Duplicate(customer.CustomerId, entry);
        }

        _recent.Add(new DedupEntry(message.DedupKey, _key.ConversationId, stored.Seq, stored.MessageId));
        if (_record!.TurnPending)
        {
            ScheduleTurn();
        }

        return new InboundResult(InboundOutcome.Stored, _key.TenantId, customer.CustomerId, _key.ConversationId, stored.Seq, stored.MessageId);
    }

    /// <inheritdoc />
    public async Task<bool> RecordChannelReplyAsync(InboundMessage reply)
    {
        if (_recent.TryGet(reply.DedupKey, out _) || _record is null || _record.Status == ConversationStatus.Closed)
        {
            return false;
        }

        // Shown to operators as an operator message; no outbox row: the business already wrote it in the channel itself.
        var draft = Draft(_record);
        var stored = draft.Add(MessageDirection.Operator, reply.Content, reply.ReplyTo.Kind, channelMessageId: reply.ChannelMessageId, dedupKey: reply.DedupKey);
        try
        {
            await CommitAsync(draft);
        }
        catch (DuplicateMessageException)
        {
            return false;
        }

        _recent.Add(new DedupEntry(reply.DedupKey, _key.ConversationId, stored.Seq, stored.MessageId));
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> ApplyCustomerEditAsync(InboundEdit edit)
    {
        if (_record is null)
        {
            return false;
        }

        var original = await store.FindByChannelMessageIdAsync(_key.TenantId, _key.ConversationId, edit.Identity.Kind, edit.ChannelMessageId);
        if (original is null || original.Direction != MessageDirection.Customer || original.Content == edit.NewContent
            || (original.Content.ToPlainText() == edit.NewContent.ToPlainText() && original.Content.GetType() == edit.NewContent.GetType()))
        {
            return false;
        }

        var draft = Draft(_record);
        var edited = original with { Content = edit.NewContent, EditedAt = draft.Now };
        await CommitAsync(draft, [new MessageEdit(original.Seq, edit.NewContent, draft.Now)], [edited]);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> AttachMediaAsync(long seq, MediaAttachment media)
    {
        if (_record is null || seq < 1 || seq > _record.LastSeq)
        {
            return false;
        }

        var original = (await store.ReadMessagesAsync(_key.TenantId, _key.ConversationId, new HistoryQuery(seq - 1, 1))).SingleOrDefault();
        MessageContent? linked = original?.Content switch
        {
            ImageContent image when image.FileId is not null => image with { Media = media },
            DocumentContent document when document.FileId.Length > 0 => document with { Media = media },
            _ => null,
        };
        if (original is null || linked is null || linked == original.Content)
        {
            return false;
        }

        var draft = Draft(_record);
        await CommitAsync(draft, [new MessageEdit(seq, linked, draft.Now, IsRevision: false)], [original with { Content = linked }]);
        return true;
    }

    /// <summary>Tells what is still waiting before the activation goes (a bounded wait: a listener that hangs is not waited for).</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            // Real time on purpose: this bounds a wait on other processes during a stop, it is no business deadline
            // (on a test's fake clock it would never run out, and a silo's stop would wait for its whole timeout).
            await _news.Told.WaitAsync(NewsDrainTimeout, TimeProvider.System, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Feeds and widgets catch up from the history.
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public async Task SubscribeAsync(IConversationObserver observer)
    {
        _observers.Subscribe(observer, observer);
        await TellReadMarkAsync(observer);
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(IConversationObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ConversationView?> GetViewAsync() => Task.FromResult(_record is null ? null : View(_record, _details));

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(HistoryQuery query)
    {
        if (query.Limit is < 1 or > 500)
        {
            throw DomainException.Invalid("The page size must be between 1 and 500.");
        }

        return _record is null ? [] : await store.ReadMessagesAsync(_key.TenantId, _key.ConversationId, query);
    }

    private ConversationDraft Draft(ConversationRecord current) => new(_key, current, _details, time.GetUtcNow(), ids);

    /// <summary>
    /// Commits a draft, then makes it current and tells the world: the draft's follow-up actions, the tenant's event
    /// stream and live observers. The store hands its outbound messages to this silo's outbox dispatcher.
    /// </summary>
    private async Task CommitAsync(ConversationDraft draft, IReadOnlyList<MessageEdit>? edits = null, IReadOnlyList<ChatMessage>? editedMessages = null)
    {
        await ReminderBeforeCommitAsync(draft);
        var change = draft.ToChange(edits);
        try
        {
            await store.CommitAsync(new ConversationCommit(change.Record, change.Messages, change.Edits, change.Outbox, change.MediaFetches));
        }
        catch (ConcurrencyConflictException)
        {
            LogConcurrentWriter(logger, _key.ConversationId);
            DeactivateOnIdle();
            throw;
        }

        _record = change.Record;
        _details = change.Details;
        if (change.MediaFetches.Count > 0)
        {
            mediaFetchSignal.Notify();
        }

        foreach (var action in draft.After)
        {
            action();
        }

        IReadOnlyList<ChatMessage> published = [.. change.Messages.Select(m => m.Message), .. editedMessages ?? []];
        var view = View(change.Record, change.Details);

        // Told after the ack, in commit order (see CommitNews). The feed event is bounded by construction: a large
        // commit reaches feeds as its state and sequence number, and they read the messages that did not fit from the history.
        var feedEvent = new ConversationEvent(view, FeedEventBudget.Fit(published));
        _news.Hand(_key.ConversationId, async () =>
        {
            if (published.Count > 0 && _observers.Count > 0)
            {
                await _observers.Notify(o => o.OnMessagesAsync(view, published));
            }

            await PublishAsync(feedEvent);
        });
    }

    /// <summary>Publishes on the tenant's event stream (operators' feeds).</summary>
    private async Task PublishAsync(ConversationEvent conversationEvent)
    {
        try
        {
            await _feed!.OnNextAsync(conversationEvent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The feed is best effort: operators catch up from the database after a gap.
            LogFeedFailed(logger, ex, _key.ConversationId);
        }
    }

    // Fire-and-forget on purpose: the pending turn is in the committed row (TurnPending), so a lost call is found
    // again on the next activation or by PendingBotTurnSweeper; nothing is lost with it.
    // While turns are deferred by the tenant's plan, their timer runs them; another call now would only be refused again.
    private void ScheduleTurn()
    {
        if (_deferredTurns is null)
        {
            this.AsReference<IConversationGrain>().RunPendingBotTurnsAsync().Ignore();
        }
    }

    /// <summary>Tells another grain about a committed change, retried when it fails for a passing reason (see <see cref="AfterCommitCalls"/>).</summary>
    /// <summary>The tenant's settings, speaking the customer's language when their channel told it (see <see cref="CustomerLanguage"/>).</summary>
    private async Task<Abstractions.Tenants.TenantSettings> SettingsAsync(ConversationDetails details) =>
        CustomerLanguage.Apply(await tenantSettings.GetAsync(_key.TenantId), details.CustomerLanguage);

    private void AfterCommit(string what, Func<Task> call) => afterCommit.Send(what, _key.ConversationId, call);

    private ConversationView View(ConversationRecord record, ConversationDetails details) => new(
        record.TenantId, record.ConversationId, record.CustomerId, record.Status, record.AssignedOperatorId,
        record.OpenedAt, record.ClosedAt, record.LastSeq,
        new Dictionary<ChannelKind, DateTimeOffset>(details.LastCustomerMessageAt), details.ReplyTo,
        record.CustomerDisplayName, record.LastMessagePreview, record.LastActivityAt, record.WaitingSince, details.HandoffReason,
        record.Status == ConversationStatus.LiveChat ? details.ReleaseAt : null,
        record.Status == ConversationStatus.LiveChat ? details.IdleCloseAt : null,
        [.. details.LastCustomerMessageAt.Select(w => MessagingWindow.For(w.Key, w.Value, details.WindowClosedAt.TryGetValue(w.Key, out var closed) ? closed : null))],
        details.CallbackAt, details.Labels is { Count: > 0 } labels ? [.. labels] : null);

    private ConversationRecord NewRecord(CustomerProfile customer)
    {
        var now = time.GetUtcNow();
        return new ConversationRecord(_key.TenantId, _key.ConversationId, customer.CustomerId, ConversationStatus.Bot, null, now, null, 0,
            null, now, null, null, customer.DisplayName, "", "{}", 0);
    }

    private InboundResult Duplicate(Guid customerId, DedupEntry entry) =>
        new(InboundOutcome.Duplicate, _key.TenantId, customerId, entry.ConversationId, entry.Seq, entry.MessageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} was written by another activation; deactivating to reload")]
    private static partial void LogConcurrentWriter(ILogger logger, Guid conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The bot failed on message {Seq} of conversation {ConversationId}; the message is left unanswered")]
    private static partial void LogBotFailed(ILogger logger, Exception exception, Guid conversationId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bot could not run on message {Seq} of conversation {ConversationId} for now; it stays pending and is retried")]
    private static partial void LogBotPostponed(ILogger logger, Exception exception, Guid conversationId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing conversation {ConversationId} to the tenant feed failed")]
    private static partial void LogFeedFailed(ILogger logger, Exception exception, Guid conversationId);
}
