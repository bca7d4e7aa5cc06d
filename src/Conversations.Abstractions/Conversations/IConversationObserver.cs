using Conversations.Abstractions.Messages;

namespace Conversations.Abstractions.Conversations;

/// <summary>Receives a conversation's new messages as they are committed, and the operators' signals (a live widget connection, for example).</summary>
[Orleans.CodeGeneration.Version(1)] // 1: signals (an older silo's observer lacks them)
public interface IConversationObserver : IGrainObserver
{
    /// <summary>Messages just committed, in sequence order.</summary>
    Task OnMessagesAsync(ConversationView conversation, IReadOnlyList<ChatMessage> messages);

    /// <summary>The operator is typing, or an operator has read up to a message (<see cref="ConversationSignal"/>).</summary>
    Task OnSignalAsync(ConversationSignal signal);
}
