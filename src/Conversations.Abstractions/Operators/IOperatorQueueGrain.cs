using Orleans.Concurrency;

namespace Conversations.Abstractions.Operators;

/// <summary>
/// A tenant's queue of customers waiting for an operator (key: tenant id), longest waiting first, and its
/// auto-assignment: the longest-waiting customer goes to the least busy online operator under capacity, whenever a
/// customer starts waiting, an operator comes online or frees a slot. Rebuilt from the database on activation.
/// </summary>
public interface IOperatorQueueGrain : IGrainWithGuidKey
{
    /// <summary>A customer started waiting.</summary>
    Task CustomerWaitingAsync(QueueEntry entry);

    /// <summary>A conversation stopped waiting (taken, closed, released).</summary>
    Task CustomerLeftAsync(Guid conversationId);

    /// <summary>An operator's presence, capacity or load changed.</summary>
    [OneWay]
    Task OperatorChangedAsync(OperatorLoad load);

    /// <summary>The waiting customers, longest waiting first.</summary>
    Task<IReadOnlyList<QueueEntry>> GetWaitingAsync();
}
