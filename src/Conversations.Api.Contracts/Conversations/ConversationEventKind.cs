namespace Conversations.Api.Contracts.Conversations;

/// <summary>Things that happen to a conversation, kept in its history and published to operators.</summary>
public enum ConversationEventKind
{
    /// <summary>The conversation was opened by the customer's first message.</summary>
    ConversationOpened = 1,

    /// <summary>The customer (or the bot, or a scenario step) asked for a human operator.</summary>
    OperatorRequested = 2,

    /// <summary>An operator took the chat.</summary>
    LiveChatStarted = 3,

    /// <summary>The operator handed the chat back to the bot (or the auto-release timer did).</summary>
    LiveChatReleased = 4,

    /// <summary>The chat moved to another operator.</summary>
    LiveChatTransferred = 5,

    /// <summary>The conversation was closed.</summary>
    ConversationClosed = 6,

    /// <summary>The customer asked to be called back.</summary>
    CallbackRequested = 8,

    /// <summary>The operator reminded the customer that an answer is awaited.</summary>
    CustomerReminded = 9,

    /// <summary>The scenario changed under a running conversation and it restarted from the beginning.</summary>
    ScenarioRestarted = 10,

    /// <summary>The bot answered with the optional AI from an FAQ entry it cites (the detail names the entry).</summary>
    AiAnswered = 12,

    /// <summary>An operator wrote a private note: kept with the conversation for colleagues, never sent to the customer.</summary>
    NoteAdded = 13,

    /// <summary>An operator changed the conversation's labels (the detail lists them, e.g. "+refund −vip").</summary>
    LabelsChanged = 16,

    /// <summary>A rating step asked the customer for a score (the detail names the step).</summary>
    SurveyOffered = 17,

    /// <summary>The customer answered a rating step (the detail gives the score).</summary>
    SurveyAnswered = 18,

    /// <summary>The business sent an event for the customer (the detail names it), which started the scenario's entry point for it.</summary>
    BusinessEventReceived = 19,

    /// <summary>The customer opted out of a subscription topic, by its button or the unsubscribe keyword (the detail names the topic, or "*" for all marketing).</summary>
    CustomerUnsubscribed = 21,
}
