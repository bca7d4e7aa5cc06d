using Conversations.Abstractions.Conversations;

namespace Conversations.Abstractions.Operators;

/// <summary>An operator's live connection (the API's event stream): receives the tenant's conversation events.</summary>
public interface IOperatorFeedObserver : IGrainObserver
{
    /// <summary>A conversation of the tenant changed.</summary>
    Task OnConversationEventAsync(ConversationEvent conversationEvent);
}
