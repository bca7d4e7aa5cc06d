using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.EventsOut;
using Conversations.Persistence.Outbox;
using Conversations.Persistence.Reports;

namespace Conversations.Persistence.InMemory;

/// <summary>
/// The embedded mode's conversation store: the same rules as PostgreSQL (dedup keys, row versions,
/// gap-free sequences) kept in process memory, lost when the process ends.
/// </summary>
/// <param name="signal">Woken when a commit queued outbound messages (the embedded mode's dispatcher polls this store).</param>
/// <param name="reportChanges">Told which conversations a commit changed, for the reports' aggregator.</param>
/// <param name="webhookChanges">Told the same, for the webhook event feed.</param>
public sealed class InMemoryConversationStore(OutboxSignal? signal = null, ReportChanges? reportChanges = null, WebhookChanges? webhookChanges = null)
    : IConversationStore, IOutboxStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid Tenant, Guid Conversation), ConversationRecord> _conversations = [];
    private readonly Dictionary<(Guid Tenant, Guid Conversation), List<StoredRow>> _messages = [];
    private readonly Dictionary<(Guid Tenant, string Key), DedupEntry> _dedup = [];
    private readonly SortedDictionary<long, OutboxRow> _outbox = [];      // open rows (pending, sending), by id
    private readonly Dictionary<long, OutboxRow> _finishedOutbox = [];     // sent, failed, blocked
    private readonly Dictionary<Guid, long> _outboxByMessage = [];
    private long _nextOutboxId;

    /// <summary>Customers' files still to fetch, queued by commits like the outbox.</summary>
    public InMemoryMediaFetchQueue MediaFetches { get; } = new();

    /// <summary>Every stored conversation row; for read models that scan in memory.</summary>
    public IReadOnlyList<ConversationRecord> SnapshotConversations()
    {
        lock (_gate)
        {
            return [.. _conversations.Values];
        }
    }

    /// <summary>Every stored message of a tenant with its customer; for search in memory.</summary>
    public IReadOnlyList<(Guid CustomerId, ChatMessage Message)> SnapshotMessages(Guid tenantId)
    {
        lock (_gate)
        {
            return [.. _messages.Where(m => m.Key.Tenant == tenantId).SelectMany(m => m.Value).Select(r => (r.CustomerId, r.Message))];
        }
    }

    /// <inheritdoc />
    public Task CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
    {
        var record = commit.Conversation;
        var key = (record.TenantId, record.ConversationId);
        lock (_gate)
        {
            var storedVersion = _conversations.TryGetValue(key, out var stored) ? stored.Version : 0;
            if (record.Version != storedVersion + 1)
            {
                throw new ConcurrencyConflictException(record.ConversationId);
            }

            var rows = _messages.TryGetValue(key, out var existing) ? existing : [];
            var lastSeq = rows.Count == 0 ? 0 : rows[^1].Message.Seq;
            foreach (var message in commit.Messages)
            {
                if (message.DedupKey is not null && _dedup.ContainsKey((record.TenantId, message.DedupKey)))
                {
                    throw new DuplicateMessageException(message.DedupKey);
                }

                if (message.Message.Seq != ++lastSeq)
                {
                    throw new ConcurrencyConflictException(record.ConversationId);
                }
            }

            foreach (var edit in commit.Edits)
            {
                if (edit.Seq < 1 || edit.Seq > lastSeq)
                {
                    throw new InvalidOperationException($"Edit of message {edit.Seq} that is not stored.");
                }
            }

            // All checks passed: apply everything (atomic under the lock).
            foreach (var message in commit.Messages)
            {
                rows.Add(new StoredRow(message.CustomerId, message.Message, message.DedupKey, []));
                if (message.DedupKey is not null)
                {
                    _dedup[(record.TenantId, message.DedupKey)] = new DedupEntry(
                        message.DedupKey, record.ConversationId, message.Message.Seq, message.Message.MessageId);
                }
            }

            foreach (var edit in commit.Edits)
            {
                var index = (int)edit.Seq - 1;
                var row = rows[index];
                rows[index] = edit.IsRevision
                    ? row with
                    {
                        Message = row.Message with { Content = edit.NewContent, EditedAt = edit.EditedAt },
                        Revisions = [.. row.Revisions, row.Message.Content],
                    }
                    : row with { Message = row.Message with { Content = edit.NewContent } };
            }

            foreach (var item in commit.OutboxItems)
            {
                var id = ++_nextOutboxId;
                _outbox[id] = new OutboxRow(id, item, DeliveryStatus.Pending, 0, item.CreatedAt, null, null, null, null);
                _outboxByMessage[item.MessageId] = id;
            }

            MediaFetches.Enqueue(commit.Fetches);
            _messages[key] = rows;
            _conversations[key] = record;
        }

        if (commit.OutboxItems.Count > 0)
        {
            signal?.Notify();
        }

        if (commit.Messages.Count > 0)
        {
            reportChanges?.Changed(record.TenantId, record.ConversationId);
            webhookChanges?.Changed(record.TenantId, record.ConversationId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ConversationLoad?> LoadAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_conversations.TryGetValue((tenantId, conversationId), out var record))
            {
                return Task.FromResult<ConversationLoad?>(null);
            }

            var recent = _messages.TryGetValue((tenantId, conversationId), out var rows)
                ? rows.Where(r => r.DedupKey is not null).TakeLast(DedupWindow)
                    .Select(r => new DedupEntry(r.DedupKey!, conversationId, r.Message.Seq, r.Message.MessageId)).ToList()
                : [];
            return Task.FromResult<ConversationLoad?>(new ConversationLoad(record, recent));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChatMessage>> ReadMessagesAsync(Guid tenantId, Guid conversationId, HistoryQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<ChatMessage> page = _messages.TryGetValue((tenantId, conversationId), out var rows)
                ? [.. rows.Select(r => r.Message)
                    .Where(m => m.Seq > query.AfterSeq && HistoryFilter.Includes(query, m.Direction))
                    .Take(query.Limit)]
                : [];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc />
    public Task<DedupEntry?> FindByDedupKeyAsync(Guid tenantId, string dedupKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_dedup.GetValueOrDefault((tenantId, dedupKey)));
        }
    }

    /// <inheritdoc />
    public Task<ChatMessage?> FindByChannelMessageIdAsync(Guid tenantId, Guid conversationId, ChannelKind channel, string channelMessageId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var found = _messages.TryGetValue((tenantId, conversationId), out var rows)
                ? rows.Select(r => r.Message).LastOrDefault(m => m.Channel == channel && m.ChannelMessageId == channelMessageId)
                : null;
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MessageContent>> ReadRevisionsAsync(Guid tenantId, Guid conversationId, long seq, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<MessageContent> revisions = _messages.TryGetValue((tenantId, conversationId), out var rows) && seq >= 1 && seq <= rows.Count
                ? rows[(int)seq - 1].Revisions
                : [];
            return Task.FromResult(revisions);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> FindPendingBotTurnsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<(Guid, Guid)> found = [.. _conversations.Values
                .Where(c => c.TurnPending && c.LastActivityAt >= since)
                .OrderBy(c => c.LastActivityAt).Take(limit)
                .Select(c => (c.TenantId, c.ConversationId))];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationRecord>> ListByStatusAsync(Guid tenantId, ConversationStatus status, Guid? assignedOperatorId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<ConversationRecord> found = [.. _conversations.Values
                .Where(c => c.TenantId == tenantId && c.Status == status && (assignedOperatorId is null || c.AssignedOperatorId == assignedOperatorId))
                .OrderBy(c => c.LastActivityAt).Take(limit)];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var item in items.Where(i => !_outboxByMessage.ContainsKey(i.MessageId)))
            {
                var id = ++_nextOutboxId;
                _outbox[id] = new OutboxRow(id, item, DeliveryStatus.Pending, 0, item.CreatedAt, null, null, null, null);
                _outboxByMessage[item.MessageId] = id;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxEntry>> ClaimAsync(DateTimeOffset now, int limit, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var heads = _outbox.Values
                .GroupBy(r => (r.Item.TenantId, r.Item.To))
                .Select(g => g.First())
                .Where(r => (r.Status == DeliveryStatus.Pending && r.NextAttemptAt <= now) || (r.Status == DeliveryStatus.Sending && r.LeaseUntil <= now))
                .OrderBy(r => r.Id)
                .Take(limit)
                .ToList();
            var claimed = new List<OutboxEntry>();
            foreach (var row in heads)
            {
                var expired = row.Status == DeliveryStatus.Sending;
                _outbox[row.Id] = row with
                {
                    Status = DeliveryStatus.Sending,
                    LeaseUntil = now + lease,
                    LastError = expired ? OutboxMessages.LeaseExpired : row.LastError,
                };
                claimed.Add(new OutboxEntry(row.Id, row.Item.MessageId, row.Item.TenantId, row.Item.ConversationId, row.Item.To,
                    row.Item.Content, row.Attempts, expired, row.Item.CreatedAt, row.Item.Author, row.Item.OperatorId, row.Item.MessageTag));
            }

            return Task.FromResult<IReadOnlyList<OutboxEntry>>(claimed);
        }
    }

    /// <inheritdoc />
    public Task MarkSentAsync(long id, string? channelMessageId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Update(id, r => r with { Status = OutboxReceipts.Reported(r.Status) ? r.Status : DeliveryStatus.Sent, Attempts = r.Attempts + 1, ChannelMessageId = channelMessageId, FinishedAt = at, LeaseUntil = null });

    /// <inheritdoc />
    public Task RescheduleAsync(long id, DateTimeOffset nextAttemptAt, string? error, bool attempted, CancellationToken cancellationToken = default) =>
        Update(id, r => r with
        {
            Status = DeliveryStatus.Pending,
            Attempts = r.Attempts + (attempted ? 1 : 0),
            NextAttemptAt = nextAttemptAt,
            LastError = error ?? r.LastError,
            LeaseUntil = null,
        });

    /// <inheritdoc />
    public Task ReleaseAsync(IReadOnlyList<(long Id, DateTimeOffset LeaseUntil)> rows, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var (id, leaseUntil) in rows)
            {
                if (_outbox.TryGetValue(id, out var row) && row.Status == DeliveryStatus.Sending && row.LeaseUntil == leaseUntil)
                {
                    _outbox[id] = row with { Status = DeliveryStatus.Pending, NextAttemptAt = now, LeaseUntil = null };
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task MarkFailedAsync(long id, DeliveryStatus status, string error, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Update(id, r => r with { Status = status, Attempts = r.Attempts + 1, LastError = error, FinishedAt = at, LeaseUntil = null });

    /// <inheritdoc />
    public Task<Guid?> ApplyReceiptAsync(Guid tenantId, Guid messageId, DeliveryStatus status, string? error, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_outboxByMessage.TryGetValue(messageId, out var id)
                || (_outbox.GetValueOrDefault(id) ?? _finishedOutbox.GetValueOrDefault(id)) is not { } row || row.Item.TenantId != tenantId)
            {
                return Task.FromResult<Guid?>(null);
            }

            if (OutboxReceipts.Advances(row.Status, status))
            {
                var changed = row with { Status = status, LastError = error ?? row.LastError, FinishedAt = row.FinishedAt ?? at, LeaseUntil = null };
                _outbox.Remove(id);
                _finishedOutbox[id] = changed;
            }

            return Task.FromResult<Guid?>(row.Item.ConversationId);
        }
    }

    /// <inheritdoc />
    public Task<int> ApplyChatReceiptAsync(Guid tenantId, ChannelAddress chat, DeliveryStatus status, DateTimeOffset? watermark, string? channelMessageId,
        DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var rows = _finishedOutbox.Values.Where(r => r.Item.TenantId == tenantId && r.Item.To == chat).ToList();
            var until = watermark ?? rows.Where(r => channelMessageId is not null && r.ChannelMessageId == channelMessageId).Select(r => r.FinishedAt).Max();
            var moved = 0;
            foreach (var row in rows.Where(r => until is { } u && r.FinishedAt <= u && OutboxReceipts.Advances(r.Status, status)))
            {
                _finishedOutbox[row.Id] = row with { Status = status };
                moved++;
            }

            return Task.FromResult(moved);
        }
    }

    /// <inheritdoc />
    public Task<Guid?> FindByChannelMessageIdAsync(Guid tenantId, ChannelAddress chat, string channelMessageId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_finishedOutbox.Values.Concat(_outbox.Values)
                .Where(r => r.Item.TenantId == tenantId && r.Item.To == chat && r.ChannelMessageId == channelMessageId)
                .Select(r => (Guid?)r.Item.MessageId).FirstOrDefault());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<Guid, DeliveryInfo>> GetDeliveryAsync(Guid tenantId, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<Guid, DeliveryInfo> found = messageIds
                .Select(m => _outboxByMessage.TryGetValue(m, out var id) ? (_outbox.GetValueOrDefault(id) ?? _finishedOutbox.GetValueOrDefault(id)) : null)
                .OfType<OutboxRow>()
                .Where(r => r.Item.TenantId == tenantId)
                .ToDictionary(r => r.Item.MessageId, r => new DeliveryInfo(r.Item.MessageId, r.Status, r.Attempts, r.LastError, r.FinishedAt,
                    r.Status == DeliveryStatus.Pending ? r.NextAttemptAt : null));
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<OutboundMessageState?> FindMessageAsync(Guid tenantId, Guid messageId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var row = _outboxByMessage.TryGetValue(messageId, out var id) ? (_outbox.GetValueOrDefault(id) ?? _finishedOutbox.GetValueOrDefault(id)) : null;
            return Task.FromResult(row is null || row.Item.TenantId != tenantId
                ? null
                : new OutboundMessageState(row.Item.ConversationId, row.Item.To.Kind,
                    new DeliveryInfo(messageId, row.Status, row.Attempts, row.LastError, row.FinishedAt, row.Status == DeliveryStatus.Pending ? row.NextAttemptAt : null),
                    row.Item.CreatedAt));
        }
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var due = _outbox.Values.GroupBy(r => (r.Item.TenantId, r.Item.To)).Select(g => g.First())
                .Select(r => r.Status == DeliveryStatus.Pending ? r.NextAttemptAt : r.LeaseUntil)
                .Min();
            return Task.FromResult(due);
        }
    }

    /// <inheritdoc />
    public Task<(long Open, DateTimeOffset? OldestCreatedAt)> GetBacklogAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var open = _outbox.Values.ToList();
            return Task.FromResult<(long, DateTimeOffset?)>((open.Count, open.Count == 0 ? null : open.Min(r => r.Item.CreatedAt)));
        }
    }

    private Task Update(long id, Func<OutboxRow, OutboxRow> change)
    {
        lock (_gate)
        {
            if (_outbox.TryGetValue(id, out var row))
            {
                var changed = change(row);
                if (changed.Status is DeliveryStatus.Pending or DeliveryStatus.Sending)
                {
                    _outbox[id] = changed;
                }
                else
                {
                    _outbox.Remove(id);
                    _finishedOutbox[id] = changed;
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Makes a conversation and its messages <paramref name="customerId"/>'s (see <see cref="Customers.ICustomerLedger"/>).</summary>
    public void MoveToCustomer(Guid tenantId, Guid conversationId, Guid customerId)
    {
        lock (_gate)
        {
            var key = (tenantId, conversationId);
            if (_conversations.TryGetValue(key, out var record))
            {
                _conversations[key] = record with { CustomerId = customerId };
            }

            if (_messages.TryGetValue(key, out var rows))
            {
                _messages[key] = [.. rows.Select(r => r with { CustomerId = customerId })];
            }
        }
    }

    /// <summary>How many recent dedup keys a conversation reloads on activation.</summary>
    internal const int DedupWindow = DedupEntry.RecentWindow;

    private sealed record OutboxRow(
        long Id, OutboxItem Item, DeliveryStatus Status, int Attempts, DateTimeOffset NextAttemptAt,
        DateTimeOffset? LeaseUntil, string? LastError, string? ChannelMessageId, DateTimeOffset? FinishedAt);

    private sealed record StoredRow(Guid CustomerId, ChatMessage Message, string? DedupKey, IReadOnlyList<MessageContent> Revisions);
}
