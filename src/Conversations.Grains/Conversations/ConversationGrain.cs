using Conversations.Bot;
using Conversations.Channels;
using Conversations.Common;
using Conversations.Customers;
using Conversations.Messages;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Outbox;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Utilities;

namespace Conversations.Conversations;

/// <summary>
/// One conversation. Its row and messages are written through the group-commit store (one transaction
/// for many grains), not through Orleans grain storage: a per-message grain-state write would cap
/// ingestion at one commit per message. Every change is built on copies and applied to memory only
/// after the store acknowledged it, so memory never runs ahead of the database.
/// </summary>
/// <remarks>
/// A customer message is acknowledged as soon as it is durable; the bot answers in a separate turn queued
/// right behind it. The row keeps a bot cursor, so a bot turn lost to a crash is found again (on activation,
/// or by the sweeper) and answered exactly once: the reply, its outbox rows and the cursor commit together.
/// </remarks>
internal sealed partial class ConversationGrain(
    IConversationStore store,
    IConversationBot bot,
    OutboxSignal outboxSignal,
    IIdGenerator ids,
    TimeProvider time,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private readonly RecentDedupKeys _recent = new();
    private readonly ObserverManager<IConversationObserver> _observers = new(TimeSpan.FromMinutes(1), logger);
    private ConversationKey _key;
    private ConversationRecord? _record;
    private ConversationDetails _details = new();
    private IAsyncStream<ConversationEvent>? _feed;

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

        if (_record.BotTurnPending)
        {
            // The previous activation stored a message but died before the bot answered it.
            ScheduleBotTurn();
        }
    }

    /// <inheritdoc />
    public async Task<InboundResult> ReceiveCustomerMessageAsync(CustomerProfile customer, InboundMessage message)
    {
        if (_recent.TryGet(message.DedupKey, out var known))
        {
            return Duplicate(customer.CustomerId, known);
        }

        if (_record?.Status == ConversationStatus.Closed)
        {
            throw DomainException.Conflict($"Conversation {_key.ConversationId} is closed.");
        }

        var now = time.GetUtcNow();
        var details = _details.Clone();
        var channel = message.ReplyTo.Kind;
        details.LastCustomerMessageAt[channel] = now;
        details.ReplyTo = message.ReplyTo;
        details.Customer = customer;

        var messages = new List<MessageRecord>();
        var seq = _record?.LastSeq ?? 0;
        if (_record is null)
        {
            messages.Add(Record(customer.CustomerId, null, Event(++seq, ConversationEventKind.ConversationOpened, now)));
        }

        var stored = new ChatMessage(ids.NewId(), _key.ConversationId, ++seq, MessageDirection.Customer,
            message.Content, channel, message.ChannelMessageId, null, now);
        messages.Add(Record(customer.CustomerId, message.DedupKey, stored));

        var current = _record ?? NewRecord(customer, now);
        var record = current with
        {
            LastSeq = seq,
            LastCustomerSeq = seq,
            // Outside bot status the bot lets the message pass: nothing is pending for it.
            BotCursor = current.Status == ConversationStatus.Bot ? current.BotCursor : seq,
            LastCustomerMessageAt = now,
            LastActivityAt = now,
            LastChannel = channel,
            CustomerDisplayName = customer.DisplayName,
            LastMessagePreview = Preview(message.Content),
            StateJson = details.ToJson(),
            Version = current.Version + 1,
        };

        try
        {
            await CommitAsync(new ConversationChange(record, details, messages, [], []));
        }
        catch (DuplicateMessageException)
        {
            // Stored earlier, possibly in a previous conversation of this customer.
            var entry = await store.FindByDedupKeyAsync(_key.TenantId, message.DedupKey)
                ?? throw new InvalidOperationException($"Dedup key {message.DedupKey} reported stored but not found.");
            return Duplicate(customer.CustomerId, entry);
        }

        _recent.Add(new DedupEntry(message.DedupKey, _key.ConversationId, stored.Seq, stored.MessageId));
        if (record.BotTurnPending)
        {
            ScheduleBotTurn();
        }

        return new InboundResult(InboundOutcome.Stored, _key.TenantId, customer.CustomerId, _key.ConversationId, stored.Seq, stored.MessageId);
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
            || original.Content.ToPlainText() == edit.NewContent.ToPlainText() && original.Content.GetType() == edit.NewContent.GetType())
        {
            return false;
        }

        var now = time.GetUtcNow();
        var record = _record with { LastActivityAt = now, Version = _record.Version + 1 };
        var edited = original with { Content = edit.NewContent, EditedAt = now };
        await CommitAsync(new ConversationChange(record, _details, [], [new MessageEdit(original.Seq, edit.NewContent, now)], []), [edited]);
        return true;
    }

    /// <inheritdoc />
    public async Task RunPendingBotTurnsAsync()
    {
        if (_record is not { BotTurnPending: true } current || _details.Customer is null || _details.ReplyTo is null)
        {
            return;
        }

        var pending = (await store.ReadMessagesAsync(_key.TenantId, _key.ConversationId,
                new HistoryQuery(AfterSeq: current.BotCursor, Limit: 50, IncludeBot: false, IncludeEvents: false)))
            .Where(m => m.Direction == MessageDirection.Customer)
            .ToList();
        var details = _details.Clone();
        var capabilities = ChannelCatalog.For(details.ReplyTo!.Kind);
        var now = time.GetUtcNow();
        var seq = current.LastSeq;
        var messages = new List<MessageRecord>();
        var outbox = new List<OutboxItem>();
        foreach (var customerMessage in pending)
        {
            BotReply reply;
            try
            {
                reply = await bot.ReplyAsync(new BotRequest(_key.TenantId, _key.ConversationId, details.Customer!, customerMessage,
                    capabilities, details.BotSession), CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failing bot must not wedge the conversation: log, skip this message, keep going.
                LogBotFailed(logger, ex, _key.ConversationId, customerMessage.Seq);
                continue;
            }

            details.BotSession = reply.SessionJson;
            foreach (var content in reply.Messages)
            {
                var message = new ChatMessage(ids.NewId(), _key.ConversationId, ++seq, MessageDirection.Bot, content,
                    details.ReplyTo!.Kind, null, null, now);
                messages.Add(Record(current.CustomerId, null, message));
                outbox.Add(new OutboxItem(message.MessageId, _key.TenantId, _key.ConversationId, details.ReplyTo!, content, now));
            }
        }

        var handled = pending.Count == 0 ? current.LastCustomerSeq : pending[^1].Seq;
        var record = current with
        {
            LastSeq = seq,
            BotCursor = handled,
            LastActivityAt = messages.Count > 0 ? now : current.LastActivityAt,
            LastMessagePreview = messages.Count > 0 ? Preview(messages[^1].Message.Content) : current.LastMessagePreview,
            StateJson = details.ToJson(),
            Version = current.Version + 1,
        };
        await CommitAsync(new ConversationChange(record, details, messages, [], outbox));
        if (record.BotTurnPending)
        {
            ScheduleBotTurn(); // more than one page of pending messages
        }
    }

    /// <inheritdoc />
    public Task SubscribeAsync(IConversationObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(IConversationObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ConversationView?> GetViewAsync() => Task.FromResult(_record is null ? null : View(_record));

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(HistoryQuery query)
    {
        if (query.Limit is < 1 or > 500)
        {
            throw DomainException.Invalid("The page size must be between 1 and 500.");
        }

        return _record is null ? [] : await store.ReadMessagesAsync(_key.TenantId, _key.ConversationId, query);
    }

    /// <summary>
    /// Commits a change, then makes it current and tells the world: the tenant's event stream, live observers and
    /// (when it queued outbound messages) this silo's outbox dispatcher.
    /// </summary>
    private async Task CommitAsync(ConversationChange change, IReadOnlyList<ChatMessage>? editedMessages = null)
    {
        try
        {
            await store.CommitAsync(new ConversationCommit(change.Record, change.Messages, change.Edits, change.Outbox));
        }
        catch (ConcurrencyConflictException)
        {
            LogConcurrentWriter(logger, _key.ConversationId);
            DeactivateOnIdle();
            throw;
        }

        _record = change.Record;
        _details = change.Details;
        if (change.Outbox.Count > 0)
        {
            outboxSignal.Notify();
        }

        IReadOnlyList<ChatMessage> published = [.. change.Messages.Select(m => m.Message), .. editedMessages ?? []];
        var view = View(change.Record);
        if (published.Count > 0 && _observers.Count > 0)
        {
            await _observers.Notify(o => o.OnMessagesAsync(view, published));
        }

        try
        {
            await _feed!.OnNextAsync(new ConversationEvent(view, published));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The feed is best effort: operators catch up from the database after a gap.
            LogFeedFailed(logger, ex, _key.ConversationId);
        }
    }

    private void ScheduleBotTurn() => this.AsReference<IConversationGrain>().RunPendingBotTurnsAsync().Ignore();

    private ConversationView View(ConversationRecord record) => new(
        record.TenantId, record.ConversationId, record.CustomerId, record.Status, record.AssignedOperatorId,
        record.OpenedAt, record.ClosedAt, record.LastSeq,
        new Dictionary<ChannelKind, DateTimeOffset>(_details.LastCustomerMessageAt), _details.ReplyTo);

    private ConversationRecord NewRecord(CustomerProfile customer, DateTimeOffset now) => new(
        _key.TenantId, _key.ConversationId, customer.CustomerId, ConversationStatus.Bot, null, now, null, 0,
        null, now, null, null, customer.DisplayName, "", "{}", 0);

    private ChatMessage Event(long seq, ConversationEventKind kind, DateTimeOffset now, string? detail = null, Guid? operatorId = null) =>
        new(ids.NewId(), _key.ConversationId, seq, MessageDirection.System, new EventContent(kind, detail, operatorId), null, null, operatorId, now);

    private MessageRecord Record(Guid customerId, string? dedupKey, ChatMessage message) =>
        new(_key.TenantId, customerId, dedupKey, message);

    private InboundResult Duplicate(Guid customerId, DedupEntry entry) =>
        new(InboundOutcome.Duplicate, _key.TenantId, customerId, entry.ConversationId, entry.Seq, entry.MessageId);

    private static string Preview(MessageContent content)
    {
        var text = content.ToPlainText();
        if (text.Length == 0)
        {
            text = content switch
            {
                ImageContent => "[image]",
                DocumentContent => "[document]",
                LocationContent => "[location]",
                ContactContent => "[contact]",
                UnsupportedContent u => $"[{u.Kind}]",
                _ => "",
            };
        }

        return text.Length <= 200 ? text : text[..200];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} was written by another activation; deactivating to reload")]
    private static partial void LogConcurrentWriter(ILogger logger, Guid conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The bot failed on message {Seq} of conversation {ConversationId}; the message is left unanswered")]
    private static partial void LogBotFailed(ILogger logger, Exception exception, Guid conversationId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing conversation {ConversationId} to the tenant feed failed")]
    private static partial void LogFeedFailed(ILogger logger, Exception exception, Guid conversationId);
}
