using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Infrastructure;
using Conversations.Grains.Tenants;
using Conversations.Persistence.Conversations;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Operators;

/// <inheritdoc cref="IOperatorQueueGrain" />
/// <remarks>
/// Its state is a cache: the waiting customers are read from the conversations on activation and every
/// <see cref="ResyncInterval"/>, the operators' loads from their grains, so a lost one-way message or a silo crash
/// costs at most one interval. Callers do not wait for their messages (conversations retry them in the background,
/// see <see cref="AfterCommitCalls"/>); the queue calls conversations (downwards), never waits on a caller.
/// </remarks>
internal sealed partial class OperatorQueueGrain(
    IConversationStore store,
    TenantSettingsCache settings,
    TimeProvider time,
    ILogger<OperatorQueueGrain> logger) : Grain, IOperatorQueueGrain
{
    /// <summary>How often the queue re-reads the truth.</summary>
    public static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(30);

    private readonly Dictionary<Guid, QueueEntry> _waiting = [];
    private readonly Dictionary<Guid, OperatorLoad> _operators = [];
    private readonly Dictionary<Guid, DateTimeOffset> _lastAssigned = [];
    private Guid _tenantId;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tenantId = this.GetPrimaryKey();
        await ResyncAsync();
        LiveChatMetrics.QueueActivated(_tenantId, () => _waiting.Count);
        this.RegisterGrainTimer(async _ =>
        {
            await ResyncAsync();
            await AssignWaitingAsync();
        }, new GrainTimerCreationOptions { DueTime = ResyncInterval, Period = ResyncInterval, Interleave = false, KeepAlive = true });
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        LiveChatMetrics.QueueDeactivated(_tenantId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task CustomerWaitingAsync(QueueEntry entry)
    {
        _waiting[entry.ConversationId] = entry;
        await AssignWaitingAsync();
    }

    /// <inheritdoc />
    public Task CustomerLeftAsync(Guid conversationId)
    {
        _waiting.Remove(conversationId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task OperatorChangedAsync(OperatorLoad load)
    {
        _operators[load.OperatorId] = load;
        await AssignWaitingAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<QueueEntry>> GetWaitingAsync() =>
        Task.FromResult<IReadOnlyList<QueueEntry>>([.. _waiting.Values.OrderBy(e => e.WaitingSince)]);

    /// <summary>
    /// While a customer waits and an online operator has a free slot: the longest-waiting customer goes to the least
    /// busy operator (fewest chats for their capacity, then the one who got a chat longest ago). Callback requests
    /// wait for an operator to pick them deliberately.
    /// </summary>
    private async Task AssignWaitingAsync()
    {
        if (!(await settings.GetAsync(_tenantId)).AutoAssign)
        {
            return;
        }

        while (true)
        {
            // The longest-waiting customer someone free can serve: a chat for a group waits for a free member of it,
            // without holding up the customers behind it.
            var free = _operators.Values.Where(o => o.CanTakeMore).ToList();
            var next = _waiting.Values.Where(e => e.CallbackAt is null && free.Any(o => o.Serves(e.Group)))
                .OrderBy(e => e.WaitingSince).FirstOrDefault();
            var chosen = next is null ? null : free.Where(o => o.Serves(next.Group))
                .OrderBy(o => (double)o.ActiveChats / o.Capacity)
                .ThenBy(o => o.ActiveChats)
                .ThenBy(o => _lastAssigned.GetValueOrDefault(o.OperatorId))
                .FirstOrDefault();
            if (next is null || chosen is null)
            {
                return;
            }

            _waiting.Remove(next.ConversationId);
            bool assigned;
            try
            {
                assigned = await GrainFactory.GetGrain<IConversationGrain>(new ConversationKey(_tenantId, next.ConversationId).ToGrainKey())
                    .AssignAsync(new OperatorRef(chosen.OperatorId, chosen.DisplayName));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Put it back; the next resync or change tries again.
                _waiting[next.ConversationId] = next;
                LogAssignFailed(logger, ex, next.ConversationId);
                return;
            }

            if (assigned)
            {
                _operators[chosen.OperatorId] = chosen with { ActiveChats = chosen.ActiveChats + 1 };
                _lastAssigned[chosen.OperatorId] = time.GetUtcNow();
                LogAssigned(logger, next.ConversationId, chosen.OperatorId);
            }
        }
    }

    private async Task ResyncAsync()
    {
        var waiting = await store.ListByStatusAsync(_tenantId, ConversationStatus.WaitingForOperator, null, 5000);
        _waiting.Clear();
        foreach (var record in waiting)
        {
            _waiting[record.ConversationId] = EntryOf(record);
        }

        var operators = await GrainFactory.GetGrain<ITenantGrain>(_tenantId).GetOperatorsAsync();
        foreach (var operatorId in operators.Values)
        {
            if (await GrainFactory.GetGrain<IOperatorGrain>(new OperatorKey(_tenantId, operatorId).ToGrainKey()).GetAsync() is { } info)
            {
                _operators[operatorId] = new OperatorLoad(operatorId, info.DisplayName, info.Presence, info.Capacity, info.ActiveChats.Count, info.Groups);
            }
        }
    }

    private static QueueEntry EntryOf(ConversationRecord record)
    {
        var summary = ConversationSummary.Of(record);
        return new QueueEntry(record.ConversationId, record.CustomerId, record.CustomerDisplayName,
            record.WaitingSince ?? record.LastActivityAt, summary.HandoffReason ?? "", record.LastChannel, summary.CallbackAt, summary.Group);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} assigned to operator {OperatorId}")]
    private static partial void LogAssigned(ILogger logger, Guid conversationId, Guid operatorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assigning conversation {ConversationId} failed; it stays in the queue")]
    private static partial void LogAssignFailed(ILogger logger, Exception exception, Guid conversationId);
}
