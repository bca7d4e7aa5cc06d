namespace Conversations.Client;

/// <summary>Which conversations the inbox lists.</summary>
public enum InboxFilter
{
    /// <summary>Every conversation.</summary>
    All,

    /// <summary>Live chats of the signed-in operator.</summary>
    Mine,

    /// <summary>Conversations no operator has.</summary>
    Unassigned,

    /// <summary>Customers waiting for an operator.</summary>
    Waiting,

    /// <summary>Conversations in live chat.</summary>
    Live,

    /// <summary>Conversations the bot handles.</summary>
    Bot,

    /// <summary>Closed conversations.</summary>
    Closed,
}
