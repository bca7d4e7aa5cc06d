namespace Conversations.Api.Contracts.Messages;

/// <summary>Who a message in a conversation comes from.</summary>
public enum MessageDirection
{
    /// <summary>Written by the customer in their channel.</summary>
    Customer = 1,

    /// <summary>Sent by the bot (scenario or FAQ).</summary>
    Bot = 2,

    /// <summary>Sent by a human operator.</summary>
    Operator = 3,

    /// <summary>A conversation event recorded in the history (handoff, live chat started, released, closed...).</summary>
    System = 4,
}
