using System.Threading.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Widget;

/// <summary>Receives a conversation's new messages for one open event stream and queues them for it.</summary>
internal sealed class WidgetConversationObserver : IConversationObserver
{
    private readonly Channel<ChatMessage> _queue = Channel.CreateBounded<ChatMessage>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Messages in arrival order (the stream re-reads history if it falls behind).</summary>
    public ChannelReader<ChatMessage> Messages => _queue.Reader;

    /// <inheritdoc />
    public Task OnMessagesAsync(ConversationView conversation, IReadOnlyList<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            _queue.Writer.TryWrite(message);
        }

        return Task.CompletedTask;
    }
}
