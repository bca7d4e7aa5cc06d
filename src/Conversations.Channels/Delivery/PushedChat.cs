using Conversations.Persistence.Outbox;

namespace Conversations.Channels.Delivery;

/// <summary>The rows of one chat pushed to this silo, oldest first, and the task sending them one at a time.</summary>
internal sealed class PushedChat
{
    /// <summary>Rows not yet settled; the head is the one being sent.</summary>
    public Queue<OutboxEntry> Rows { get; } = new();

    /// <summary>The task sending them; ends when the queue is empty or the rest went back to the poll.</summary>
    public Task Sending { get; set; } = Task.CompletedTask;

    /// <summary>Rows of this chat wait pending in the outbox behind these: wake the poll when this chat is done here.</summary>
    public bool WakePollWhenDone { get; set; }
}
