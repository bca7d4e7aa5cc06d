namespace Conversations.Client.Models;

/// <summary>Who a message comes from.</summary>
public enum MessageDirection
{
    /// <summary>The customer, in their channel.</summary>
    Customer = 1,

    /// <summary>The bot (scenario or FAQ).</summary>
    Bot = 2,

    /// <summary>A human operator.</summary>
    Operator = 3,

    /// <summary>A conversation event recorded in the history.</summary>
    System = 4,
}
