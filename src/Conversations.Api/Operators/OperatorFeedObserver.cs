using System.Threading.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Operators;

namespace Conversations.Api.Operators;

/// <summary>Receives the tenant's events for one open event stream and queues them for it.</summary>
internal sealed class OperatorFeedObserver : IOperatorFeedObserver
{
    private readonly Channel<ConversationEvent> _queue = Channel.CreateBounded<ConversationEvent>(
        new BoundedChannelOptions(5000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Events in arrival order (a dropped one shows as a sequence gap to the client, which catches up).</summary>
    public ChannelReader<ConversationEvent> Events => _queue.Reader;

    /// <inheritdoc />
    public Task OnConversationEventAsync(ConversationEvent conversationEvent)
    {
        _queue.Writer.TryWrite(conversationEvent);
        return Task.CompletedTask;
    }
}
