namespace Conversations.Client.Models;

/// <summary>One event of the live feed: a conversation's new state and the messages added since the last event of it.</summary>
/// <param name="Conversation">The conversation as it now is.</param>
/// <param name="Messages">New messages in sequence order (customer, bot, operator and events); may be empty for a pure state change.</param>
public sealed record FeedEvent(InboxItem Conversation, IReadOnlyList<ApiMessage> Messages);
