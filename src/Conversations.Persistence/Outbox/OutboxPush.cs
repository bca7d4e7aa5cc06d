using Conversations.Abstractions.Channels;

namespace Conversations.Persistence.Outbox;

/// <summary>
/// Delivery by push: the group commit inserts the outbox rows of a chat with no older open row already leased to this
/// silo (status sending) and, once the transaction committed, hands them to this silo's dispatcher in memory, so no
/// claim and no poll stand between a commit and its send. Rows behind an open row of their chat are committed for the
/// poll (pending) and wake it (<see cref="OutboxSignal"/>); so are all rows while no dispatcher takes pushes.
/// </summary>
/// <remarks>
/// A silo that dies holding pushed rows leaves them leased: once the lease runs out any silo's poll takes them over,
/// as it does a claim whose silo died, so nothing is lost and the chat's order holds (the poll sends a chat's oldest
/// open row first).
/// </remarks>
public sealed class OutboxPush(OutboxSignal signal)
{
    private readonly Lock _gate = new();
    private IOutboxReceiver? _receiver;

    /// <summary>The lease to insert pushed rows with, or null when rows are to be committed for the poll.</summary>
    public TimeSpan? Lease
    {
        get
        {
            var receiver = Volatile.Read(ref _receiver);
            return receiver is { Accepting: true } ? receiver.Lease : null;
        }
    }

    /// <summary>The dispatcher starts taking pushed rows.</summary>
    public void Attach(IOutboxReceiver receiver)
    {
        lock (_gate)
        {
            _receiver = receiver;
        }
    }

    /// <summary>
    /// The dispatcher stops taking pushed rows (the silo is stopping). Once this returns, no more rows reach it: rows
    /// pushed after that are handed back by <see cref="Hand"/>.
    /// </summary>
    public void Detach(IOutboxReceiver receiver)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_receiver, receiver))
            {
                _receiver = null;
            }
        }
    }

    /// <summary>
    /// After a commit: hands <paramref name="pushed"/> to the dispatcher, and wakes the poll for rows committed pending:
    /// at once for <paramref name="unpushed"/> ones (no dispatcher took pushes), and for those behind an open row of
    /// <paramref name="waiting"/> chats once this silo's dispatcher settled that row, or at once when another silo
    /// holds it. Returns false when no dispatcher took the pushed rows (it detached since the insert): the caller then
    /// releases them to the poll.
    /// </summary>
    public bool Hand(IReadOnlyList<OutboxEntry> pushed, IReadOnlyCollection<(Guid TenantId, ChannelAddress To)> waiting, bool unpushed)
    {
        var handed = true;
        var wake = unpushed;
        lock (_gate)
        {
            if (pushed.Count > 0)
            {
                if (_receiver is { } receiver)
                {
                    receiver.Receive(pushed);
                }
                else
                {
                    handed = false;
                }
            }

            if (waiting.Count > 0 && _receiver?.WakeAfter(waiting) != true)
            {
                wake = true;
            }
        }

        if (wake)
        {
            signal.Notify();
        }

        return handed;
    }

    /// <summary>Wakes the poll: rows were released to it.</summary>
    public void WakePoll() => signal.Notify();
}
