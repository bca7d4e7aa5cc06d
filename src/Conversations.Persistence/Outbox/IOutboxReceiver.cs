using Conversations.Abstractions.Channels;

namespace Conversations.Persistence.Outbox;

/// <summary>This silo's outbox dispatcher as <see cref="OutboxPush"/> sees it: takes the rows its silo commits, in memory.</summary>
public interface IOutboxReceiver
{
    /// <summary>How long a pushed row stays leased to this silo: past it, any silo's poll may take the row over.</summary>
    TimeSpan Lease { get; }

    /// <summary>False while it holds as many rows as it takes: new rows are then committed for the poll instead.</summary>
    bool Accepting { get; }

    /// <summary>
    /// Takes committed rows leased to this silo (status sending, <see cref="OutboxEntry.LeaseUntil"/> set), oldest first;
    /// it must send or release each of them. Called on the committing thread, so it must return quickly.
    /// </summary>
    void Receive(IReadOnlyList<OutboxEntry> rows);

    /// <summary>
    /// Rows were committed for the poll behind an open row of <paramref name="chats"/> (tenant, address): when this
    /// silo holds that open row, it wakes the poll once the row is settled, so the next goes out right behind it.
    /// Returns false unless it holds the open rows of all of them: the caller then wakes the poll itself.
    /// </summary>
    bool WakeAfter(IReadOnlyCollection<(Guid TenantId, ChannelAddress To)> chats);
}
