namespace Conversations.Api.Contracts.Conversations;

/// <summary>Where a conversation is in its life cycle: bot → waiting for operator → live chat → bot again, or closed.</summary>
public enum ConversationStatus
{
    /// <summary>The bot answers.</summary>
    Bot = 1,

    /// <summary>The customer asked for a human (or the bot gave up); flagged in the operators' queue.</summary>
    WaitingForOperator = 2,

    /// <summary>An operator has the chat; the bot is silent.</summary>
    LiveChat = 3,

    /// <summary>Closed; the customer's next message opens a new conversation.</summary>
    Closed = 4,
}
