using Conversations.Common;
using Conversations.Customers;
using Conversations.Messages;
using Conversations.Persistence.Conversations;
using Microsoft.Extensions.Logging;

namespace Conversations.Conversations;

/// <summary>
/// One conversation. Its row and messages are written through the group-commit store (one transaction
/// for many grains), not through Orleans grain storage: a per-message grain-state write would cap
/// ingestion at one commit per message. Every change is built on copies and applied to memory only
/// after the store acknowledged it, so memory never runs ahead of the database.
/// </summary>
internal sealed partial class ConversationGrain(
    IConversationStore store,
    IIdGenerator ids,
    TimeProvider time,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private readonly RecentDedupKeys _recent = new();
    private ConversationKey _key;
    private ConversationRecord? _record;
    private ConversationDetails _details = new();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = ConversationKey.Parse(this.GetPrimaryKeyString());
        var loaded = await store.LoadAsync(_key.TenantId, _key.ConversationId, cancellationToken);
        if (loaded is not null)
        {
            _record = loaded.Conversation;
            _details = ConversationDetails.FromJson(loaded.Conversation.StateJson);
            foreach (var entry in loaded.RecentDedupKeys)
            {
                _recent.Add(entry);
            }
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

        var messages = new List<MessageRecord>();
        var seq = _record?.LastSeq ?? 0;
        if (_record is null)
        {
            messages.Add(Record(customer.CustomerId, null, Event(++seq, ConversationEventKind.ConversationOpened, now)));
        }

        var stored = new ChatMessage(ids.NewId(), _key.ConversationId, ++seq, MessageDirection.Customer,
            message.Content, channel, message.ChannelMessageId, null, now);
        messages.Add(Record(customer.CustomerId, message.DedupKey, stored));

        var record = (_record ?? NewRecord(customer, now)) with
        {
            LastSeq = seq,
            LastCustomerMessageAt = now,
            LastActivityAt = now,
            LastChannel = channel,
            CustomerDisplayName = customer.DisplayName,
            LastMessagePreview = Preview(message.Content),
            StateJson = details.ToJson(),
            Version = (_record?.Version ?? 0) + 1,
        };

        try
        {
            await store.CommitAsync(new ConversationCommit(record, messages, []));
        }
        catch (DuplicateMessageException)
        {
            // Stored earlier, possibly in a previous conversation of this customer.
            var entry = await store.FindByDedupKeyAsync(_key.TenantId, message.DedupKey)
                ?? throw new InvalidOperationException($"Dedup key {message.DedupKey} reported stored but not found.");
            return Duplicate(customer.CustomerId, entry);
        }
        catch (ConcurrencyConflictException)
        {
            LogConcurrentWriter(logger, _key.ConversationId);
            DeactivateOnIdle();
            throw;
        }

        _record = record;
        _details = details;
        _recent.Add(new DedupEntry(message.DedupKey, _key.ConversationId, stored.Seq, stored.MessageId));
        return new InboundResult(InboundOutcome.Stored, _key.TenantId, customer.CustomerId, _key.ConversationId, stored.Seq, stored.MessageId);
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

    private ConversationView View(ConversationRecord record) => new(
        record.TenantId, record.ConversationId, record.CustomerId, record.Status, record.AssignedOperatorId,
        record.OpenedAt, record.ClosedAt, record.LastSeq,
        new Dictionary<Channels.ChannelKind, DateTimeOffset>(_details.LastCustomerMessageAt), _details.ReplyTo);

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
}
