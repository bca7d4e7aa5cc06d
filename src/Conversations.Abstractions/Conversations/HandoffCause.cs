namespace Conversations.Abstractions.Conversations;

/// <summary>Why a conversation was handed to the operators' queue; kept on the <c>OperatorRequested</c> event for reports.</summary>
public enum HandoffCause
{
    /// <summary>The customer asked for a human (a keyword, the handoff button, small talk, the bot's offer accepted).</summary>
    Asked = 1,

    /// <summary>The bot did not understand the customer too many times in a row and gave up.</summary>
    BotGaveUp = 2,

    /// <summary>A scenario's handoff step.</summary>
    ScenarioStep = 3,

    /// <summary>A rating step's low score.</summary>
    LowRating = 4,

    /// <summary>An operator put the chat back in the queue or transferred it to a group.</summary>
    Operator = 5,

    /// <summary>Anything else: an integration's call, an event stored before causes were recorded.</summary>
    Other = 6,
}
