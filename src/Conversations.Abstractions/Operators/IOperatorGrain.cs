namespace Conversations.Abstractions.Operators;

/// <summary>One operator of one tenant (key: <see cref="OperatorKey"/>): profile, presence, capacity, current chats.</summary>
public interface IOperatorGrain : IGrainWithStringKey
{
    /// <summary>Creates the operator (called by the tenant grain when an admin adds them).</summary>
    Task<OperatorInfo> CreateAsync(NewOperator newOperator);

    /// <summary>
    /// The operator's current access when <paramref name="password"/> is their password, else null (read in the same
    /// turn as the check, so a token never carries a stamp newer than the password it was issued for).
    /// </summary>
    Task<OperatorAccess?> SignInAsync(string password);

    /// <summary>The current role and security stamp, or null when the operator does not exist (read per request, cached per silo).</summary>
    Task<OperatorAccess?> GetAccessAsync();

    /// <summary>Sets a new password (at least 8 characters); the operator's tokens stop working.</summary>
    Task SetPasswordAsync(string password);

    /// <summary>The operator, or null when it does not exist.</summary>
    Task<OperatorInfo?> GetAsync();

    /// <summary>Changes presence; coming online makes waiting customers eligible for this operator at once.</summary>
    Task<OperatorInfo> SetPresenceAsync(OperatorPresence presence);

    /// <summary>Changes name, role or capacity; a new role ends the operator's tokens (they sign in again with the new one).</summary>
    Task<OperatorInfo> UpdateAsync(string? displayName, OperatorRole? role, int? capacity, IReadOnlyList<string>? groups = null);

    /// <summary>
    /// Removes the operator (called by the tenant grain): they can no longer sign in, their tokens stop working, and
    /// they are taken out of auto-assignment. Their live chats are the caller's to return to the queue
    /// (<see cref="Abstractions.Conversations.IConversationGrain.ReturnToQueueAsync"/>): this grain may not wait on conversations
    /// while the tenant's grain waits on it.
    /// </summary>
    Task RemoveAsync();

    /// <summary>
    /// Sends the tenant's conversation events to <paramref name="observer"/> (the operator grain subscribes to the tenant's
    /// stream while someone listens). Renew within a minute or it expires.
    /// </summary>
    Task AttachFeedAsync(IOperatorFeedObserver observer);

    /// <summary>Stops sending events to <paramref name="observer"/>.</summary>
    Task DetachFeedAsync(IOperatorFeedObserver observer);

    /// <summary>A conversation is now in live chat with this operator.</summary>
    Task ChatStartedAsync(Guid conversationId);

    /// <summary>A conversation left this operator (released, transferred away, closed); frees a slot.</summary>
    Task ChatEndedAsync(Guid conversationId);
}
