using System.Threading.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Widget;

/// <summary>Receives a conversation's new messages and the operators' signals for one open event stream and queues them for it.</summary>
internal sealed class WidgetConversationObserver : IConversationObserver
{
    private readonly Channel<WidgetLiveItem> _queue = Channel.CreateBounded<WidgetLiveItem>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Messages and signals in arrival order (the stream re-reads history if it falls behind on messages).</summary>
    public ChannelReader<WidgetLiveItem> Items => _queue.Reader;

    /// <inheritdoc />
    public Task OnMessagesAsync(ConversationView conversation, IReadOnlyList<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            _queue.Writer.TryWrite(new WidgetLiveItem(message, null));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnSignalAsync(ConversationSignal signal)
    {
        _queue.Writer.TryWrite(new WidgetLiveItem(null, signal));
        return Task.CompletedTask;
    }
}
