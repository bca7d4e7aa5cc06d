namespace Conversations.Persistence.Conversations;

/// <summary>The conversation row was written by someone else since it was read; nothing of the commit was written.</summary>
public sealed class ConcurrencyConflictException(Guid conversationId)
    : Exception($"Conversation {conversationId} was changed by another writer; reload and retry.")
{
    /// <summary>The conversation.</summary>
    public Guid ConversationId { get; } = conversationId;
}
