namespace Conversations.Abstractions.Conversations;

/// <summary>What a <see cref="ConversationSignal"/> says. Signals are passed on live and never stored.</summary>
public enum ConversationSignalKind
{
    /// <summary>The customer is typing (shown to operators).</summary>
    CustomerTyping = 1,

    /// <summary>The operator who has the chat is typing (shown to the customer where the channel can show it: the widget).</summary>
    OperatorTyping = 2,

    /// <summary>An operator has read the conversation up to a sequence number (shown to the customer as "read").</summary>
    ReadByOperator = 3,

    /// <summary>The customer has read the conversation up to a sequence number (shown to operators).</summary>
    ReadByCustomer = 4,
}
