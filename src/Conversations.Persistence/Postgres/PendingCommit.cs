using Conversations.Persistence.Conversations;

namespace Conversations.Persistence.Postgres;

/// <summary>A commit waiting in the group-commit queue, and the task its caller awaits.</summary>
internal sealed class PendingCommit(ConversationCommit commit)
{
    public ConversationCommit Commit { get; } = commit;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
