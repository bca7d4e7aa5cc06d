using Orleans.Concurrency;
using Conversations.Customers;
using Conversations.Messages;

namespace Conversations.Conversations;

/// <summary>
/// The dialogue between one customer and the tenant (key: <see cref="ConversationKey"/>): its status, the
/// per-conversation message sequence and the last customer message time per channel. Message history lives
/// in the message store, not in grain state.
/// </summary>
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends a customer's message; returns once it is durable. A redelivery of the same
    /// <see cref="InboundMessage.DedupKey"/> returns <see cref="InboundOutcome.Duplicate"/> with the first copy's position.
    /// Throws <see cref="Common.DomainException"/> (conflict) when the conversation is closed.
    /// </summary>
    Task<InboundResult> ReceiveCustomerMessageAsync(CustomerProfile customer, InboundMessage message);

    /// <summary>
    /// Applies a customer's edit of an earlier message of this conversation: the stored message gets the new content
    /// and keeps the old one as a revision. Returns false when the message is not in this conversation or unchanged.
    /// </summary>
    Task<bool> ApplyCustomerEditAsync(InboundEdit edit);

    /// <summary>
    /// Lets the bot answer customer messages it has not answered yet (after a crash, the sweeper calls this).
    /// One-way: callers never wait for the bot.
    /// </summary>
    [OneWay]
    Task RunPendingBotTurnsAsync();

    /// <summary>Starts sending new messages to <paramref name="observer"/>; renew within a minute or it expires.</summary>
    Task SubscribeAsync(IConversationObserver observer);

    /// <summary>Stops sending messages to <paramref name="observer"/>.</summary>
    Task UnsubscribeAsync(IConversationObserver observer);

    /// <summary>The conversation as operators see it, or null when it was never opened.</summary>
    Task<ConversationView?> GetViewAsync();

    /// <summary>A page of history in sequence order.</summary>
    Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(HistoryQuery query);
}
