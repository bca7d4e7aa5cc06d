using Conversations.Abstractions.Messages;

namespace Conversations.Abstractions.Conversations;

/// <summary>
/// What the conversation grains publish on the tenant's event stream after every commit: the conversation
/// as it now is, and the messages (customer, bot, operator, events) the commit added.
/// </summary>
/// <param name="Conversation">The conversation after the commit.</param>
/// <param name="Messages">
/// The messages the commit added, in sequence order (may be empty for a pure state change); only as many as
/// <see cref="FeedEventBudget"/> allows: when fewer than <see cref="ConversationView.LastSeq"/> says, read the rest from the history.
/// </param>
/// <param name="Signal">
/// Set on an event that carries no change, only a <see cref="ConversationSignal"/> of the customer (typing, read) for
/// operators' feeds; its conversation is the unchanged current state (a reader that does not know signals sees nothing new).
/// </param>
[GenerateSerializer, Immutable, Alias("conv.ConversationEvent")]
public sealed record ConversationEvent(
    [property: Id(0)] ConversationView Conversation,
    [property: Id(1)] IReadOnlyList<ChatMessage> Messages,
    [property: Id(2)] ConversationSignal? Signal = null);
