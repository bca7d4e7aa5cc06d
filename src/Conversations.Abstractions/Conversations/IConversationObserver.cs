using Conversations.Abstractions.Messages;

namespace Conversations.Abstractions.Conversations;

/// <summary>Receives a conversation's new messages as they are committed (a live widget connection, for example).</summary>
public interface IConversationObserver : IGrainObserver
{
    /// <summary>Messages just committed, in sequence order.</summary>
    Task OnMessagesAsync(ConversationView conversation, IReadOnlyList<ChatMessage> messages);
}
