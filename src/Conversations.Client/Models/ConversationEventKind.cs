namespace Conversations.Client.Models;

/// <summary>Things that happen to a conversation, kept in its history.</summary>
public enum ConversationEventKind
{
    /// <summary>Opened by the customer's first message.</summary>
    ConversationOpened = 1,

    /// <summary>A human operator was asked for.</summary>
    OperatorRequested = 2,

    /// <summary>An operator took the chat.</summary>
    LiveChatStarted = 3,

    /// <summary>The chat went back to the bot.</summary>
    LiveChatReleased = 4,

    /// <summary>The chat moved to another operator.</summary>
    LiveChatTransferred = 5,

    /// <summary>The conversation was closed.</summary>
    ConversationClosed = 6,

    /// <summary>A messaging window closed.</summary>
    MessagingWindowExpired = 7,

    /// <summary>The customer asked to be called back.</summary>
    CallbackRequested = 8,

    /// <summary>The operator reminded the customer.</summary>
    CustomerReminded = 9,

    /// <summary>The scenario changed under the conversation and it restarted.</summary>
    ScenarioRestarted = 10,

    /// <summary>The customer left a message outside working hours.</summary>
    OutOfHoursMessageLeft = 11,
}
