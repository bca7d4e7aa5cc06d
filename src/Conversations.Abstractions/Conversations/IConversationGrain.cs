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

    /// <summary>The conversation as operators see it, or null when it was never opened.</summary>
    Task<ConversationView?> GetViewAsync();

    /// <summary>A page of history in sequence order.</summary>
    Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(HistoryQuery query);
}
