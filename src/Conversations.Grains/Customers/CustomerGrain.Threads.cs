using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;

namespace Conversations.Grains.Customers;

/// <summary>Messages of channels whose messages carry their own threads (e-mail).</summary>
internal sealed partial class CustomerGrain
{
    /// <summary>
    /// A message of a channel with threads (e-mail): an answer goes to its thread's conversation (which reopens it when
    /// it closed recently enough), a new thread, or an answer too late, opens the channel's new conversation, which
    /// becomes the customer's current one. The other open conversations of the customer stay as they are.
    /// </summary>
    private async Task<InboundResult> ReceiveInThreadAsync(InboundMessage message, InboundThread thread)
    {
        if (thread.ContinuesConversationId is { } continued && await ReceiveInClosableAsync(continued, message) is { } continuedResult)
        {
            if (state.State.CurrentConversationId is null)
            {
                state.State.CurrentConversationId = continued; // reopened
                await SaveAsync();
            }

            return continuedResult;
        }

        if (state.State.CurrentConversationId != thread.NewConversationId)
        {
            state.State.CurrentConversationId = thread.NewConversationId;
            await SaveAsync();
        }

        return await Conversation(thread.NewConversationId).ReceiveCustomerMessageAsync(Profile(), message);
    }

    /// <summary>The message stored in conversation <paramref name="conversationId"/>, or null when it is closed for good.</summary>
    private async Task<InboundResult?> ReceiveInClosableAsync(Guid conversationId, InboundMessage message)
    {
        try
        {
            return await Conversation(conversationId).ReceiveCustomerMessageAsync(Profile(), message);
        }
        catch (DomainException ex) when (ex.Code == DomainErrorCode.Conflict)
        {
            return null; // closed longer ago than its channel reopens conversations
        }
    }
}
