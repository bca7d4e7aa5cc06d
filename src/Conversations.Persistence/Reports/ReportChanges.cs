namespace Conversations.Persistence.Reports;

/// <summary>
/// The conversations whose committed history changed since the report aggregator last ran: the stores add to it after a
/// commit returns (an in-memory set, no I/O on the acknowledgement path); the aggregator takes the whole set in turn.
/// </summary>
public sealed class ReportChanges
{
    private readonly Lock _gate = new();
    private HashSet<(Guid TenantId, Guid ConversationId)> _changed = [];

    /// <summary>How many conversations wait to be counted.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _changed.Count;
            }
        }
    }

    /// <summary>Marks a conversation as changed (idempotent: a chatty conversation is counted once per run).</summary>
    public void Changed(Guid tenantId, Guid conversationId)
    {
        lock (_gate)
        {
            _changed.Add((tenantId, conversationId));
        }
    }

    /// <summary>Takes every changed conversation, leaving the set empty.</summary>
    public IReadOnlyCollection<(Guid TenantId, Guid ConversationId)> TakeAll()
    {
        lock (_gate)
        {
            var taken = _changed;
            _changed = [];
            return taken;
        }
    }
}
