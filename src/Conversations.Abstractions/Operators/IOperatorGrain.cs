namespace Conversations.Abstractions.Operators;

/// <summary>One operator of one tenant (key: <see cref="OperatorKey"/>): profile, presence, capacity, current chats.</summary>
public interface IOperatorGrain : IGrainWithStringKey
{
    /// <summary>Creates the operator (called by the tenant grain when an admin adds them).</summary>
    Task<OperatorInfo> CreateAsync(NewOperator newOperator);

    /// <summary>True when <paramref name="password"/> is this operator's password.</summary>
    Task<bool> VerifyPasswordAsync(string password);

    /// <summary>Sets a new password (at least 8 characters).</summary>
    Task SetPasswordAsync(string password);

    /// <summary>The operator, or null when it does not exist.</summary>
    Task<OperatorInfo?> GetAsync();

    /// <summary>Changes presence; coming online makes waiting customers eligible for this operator at once.</summary>
    Task<OperatorInfo> SetPresenceAsync(OperatorPresence presence);

    /// <summary>Changes name, role or capacity.</summary>
    Task<OperatorInfo> UpdateAsync(string? displayName, OperatorRole? role, int? capacity);

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
