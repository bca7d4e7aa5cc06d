using System.Collections.Concurrent;
using System.Text;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Queries;

namespace Conversations.Persistence.InMemory;

/// <summary>The embedded mode's read models: scans of the in-memory store with the same order and matching rules as PostgreSQL.</summary>
public sealed class InMemoryReadModels(InMemoryConversationStore store) : IReadModels
{
    private readonly ConcurrentDictionary<(Guid Tenant, Guid Customer), CustomerRecord> _customers = new();

    /// <summary>The tenant's customers in the directory (what the embedded mode's campaigns plan from).</summary>
    internal IEnumerable<CustomerRecord> Customers(Guid tenantId) => _customers.Values.Where(c => c.TenantId == tenantId);

    /// <summary>The conversations of the store (for the embedded mode's campaign audiences).</summary>
    internal IEnumerable<ConversationRecord> Conversations() => store.SnapshotConversations();

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationRecord>> QueryInboxAsync(InboxQuery query, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ConversationRecord> page = [.. store.SnapshotConversations()
            .Where(c => c.TenantId == query.TenantId)
            .Where(c => query.Statuses is null ? c.Status != ConversationStatus.Closed : query.Statuses.Contains(c.Status))
            .Where(c => query.AssignedOperatorId is null || c.AssignedOperatorId == query.AssignedOperatorId)
            .Where(c => !query.Unassigned || c.AssignedOperatorId is null)
            .Where(c => query.Channel is null || c.LastChannel == query.Channel)
            .Where(c => query.ActiveSince is null || c.LastCustomerMessageAt >= query.ActiveSince || c.Status == ConversationStatus.WaitingForOperator)
            .Where(c => query.Label is null || (ConversationSummary.Of(c).Labels?.Contains(query.Label, StringComparer.Ordinal) ?? false))
            .Select(c => (Row: c, Cursor: new InboxCursor(Rank(c), c.ConversationId)))
            .Where(r => query.After is null || Compare(r.Cursor, query.After) > 0)
            .OrderBy(r => r.Cursor.Rank).ThenBy(r => r.Cursor.ConversationId)
            .Take(query.Limit)
            .Select(r => r.Row)];
        return Task.FromResult(page);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationRecord>> ChangedSinceAsync(Guid tenantId, DateTimeOffset since, ChangedCursor? after, int limit,
        CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ConversationRecord> page = [.. store.SnapshotConversations()
            .Where(c => c.TenantId == tenantId && c.LastActivityAt >= since)
            .Where(c => after is null || c.LastActivityAt > after.LastActivityAt
                || (c.LastActivityAt == after.LastActivityAt && c.ConversationId.CompareTo(after.ConversationId) > 0))
            .OrderBy(c => c.LastActivityAt).ThenBy(c => c.ConversationId)
            .Take(limit)];
        return Task.FromResult(page);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LabelUsage>> ListLabelsAsync(Guid tenantId, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<LabelUsage> labels = [.. store.SnapshotConversations()
            .Where(c => c.TenantId == tenantId && c.Status != ConversationStatus.Closed)
            .SelectMany(c => ConversationSummary.Of(c).Labels ?? [])
            .GroupBy(l => l, StringComparer.Ordinal)
            .Select(g => new LabelUsage(g.Key, g.Count()))
            .OrderByDescending(l => l.Conversations).ThenBy(l => l.Label, StringComparer.Ordinal)
            .Take(limit)];
        return Task.FromResult(labels);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MessageSearchHit>> SearchMessagesAsync(Guid tenantId, string text, Guid? customerId, int limit, CancellationToken cancellationToken = default)
    {
        var wanted = WordForms.Stems(text).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<MessageSearchHit>>([]);
        }

        IReadOnlyList<MessageSearchHit> hits = [.. store.SnapshotMessages(tenantId)
            .Where(m => customerId is null || m.CustomerId == customerId)
            // Like the PostgreSQL index: only what customers and operators wrote is searchable.
            .Where(m => m.Message.Direction is MessageDirection.Customer or MessageDirection.Operator)
            .Select(m => (m.CustomerId, m.Message, Text: m.Message.Content.ToPlainText()))
            .Select(m => (m.CustomerId, m.Message, m.Text, Stems: WordForms.Stems(m.Text)))
            .Where(m => wanted.All(w => m.Stems.Contains(w)))
            .Select(m => new MessageSearchHit(m.Message, m.CustomerId, (double)m.Stems.Count(wanted.Contains) / Math.Max(1, m.Stems.Count), Highlight(m.Text, wanted)))
            .OrderByDescending(h => h.Rank).ThenByDescending(h => h.Message.CreatedAt)
            .Take(limit)];
        return Task.FromResult(hits);
    }

    /// <inheritdoc />
    public Task UpsertCustomerAsync(CustomerRecord customer, CancellationToken cancellationToken = default)
    {
        _customers[(customer.TenantId, customer.CustomerId)] = customer;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveCustomerAsync(Guid tenantId, Guid customerId, CancellationToken cancellationToken = default)
    {
        _customers.TryRemove((tenantId, customerId), out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerRecord>> FindCustomersByContactsAsync(Guid tenantId, IReadOnlyList<string> phones, IReadOnlyList<string> emails, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<CustomerRecord> found = [.. _customers.Values
            .Where(c => c.TenantId == tenantId)
            .Where(c => c.Phones.Intersect(phones, StringComparer.Ordinal).Any() || c.Emails.Intersect(emails, StringComparer.OrdinalIgnoreCase).Any())
            .OrderByDescending(c => c.UpdatedAt)
            .Take(limit)];
        return Task.FromResult(found);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerRecord>> SearchCustomersAsync(Guid tenantId, string text, int limit, CancellationToken cancellationToken = default)
    {
        var needle = text.Trim().ToLowerInvariant();
        var digits = new string([.. needle.Where(char.IsAsciiDigit)]);
        IReadOnlyList<CustomerRecord> found = [.. _customers.Values
            .Where(c => c.TenantId == tenantId)
            .Where(c => string.Equals(c.ExternalId, text.Trim(), StringComparison.Ordinal)
                || (c.Tags?.Contains(needle, StringComparer.Ordinal) ?? false)
                || c.DisplayName.Contains(needle, StringComparison.OrdinalIgnoreCase)
                || (c.Username?.Contains(needle, StringComparison.OrdinalIgnoreCase) ?? false)
                || c.Emails.Any(e => e.Contains(needle, StringComparison.OrdinalIgnoreCase))
                || (digits.Length >= 4 && c.Phones.Any(p => new string([.. p.Where(char.IsAsciiDigit)]).Contains(digits, StringComparison.Ordinal))))
            .OrderByDescending(c => c.UpdatedAt)
            .Take(limit)];
        return Task.FromResult(found);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationRecord>> ListCustomerConversationsAsync(Guid tenantId, Guid customerId, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ConversationRecord> rows = [.. store.SnapshotConversations()
            .Where(c => c.TenantId == tenantId && c.CustomerId == customerId)
            .OrderByDescending(c => c.OpenedAt).Take(limit)];
        return Task.FromResult(rows);
    }

    private static long Rank(ConversationRecord c) =>
        InboxCursor.RankOf(c.Status == ConversationStatus.WaitingForOperator, c.WaitingSince, c.LastActivityAt);

    private static int Compare(InboxCursor a, InboxCursor b) =>
        a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.ConversationId.CompareTo(b.ConversationId);

    /// <summary>Wraps the words whose stem matches in [[ ]], like ts_headline with the same markers.</summary>
    private static string Highlight(string text, HashSet<string> wanted)
    {
        var result = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            var stems = WordForms.Stems(word);
            result.Append(result.Length > 0 ? " " : "").Append(stems.Any(wanted.Contains) ? $"[[{word}]]" : word);
        }

        return result.ToString();
    }
}
