namespace Conversations.Persistence.Conversations;

/// <summary>
/// The conversations whose committed history changed since a reader behind the acknowledgement path last ran: the stores
/// add to it after a commit returns (an in-memory set, no I/O on the acknowledgement path); the reader takes the whole
/// set in turn and reads the committed rows.
/// </summary>
public abstract class ChangedConversations
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
