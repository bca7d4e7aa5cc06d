namespace Conversations.Bot.Effects;

/// <summary>What went wrong while running a scenario.</summary>
public enum ScenarioErrorKind
{
    /// <summary>More steps ran in one turn than the scenario allows: a loop. The customer got a safe reply.</summary>
    StepLimitExceeded = 1,

    /// <summary>An http step failed (timeout, network, non-2xx, bad JSON) and went to its <c>onError</c> step.</summary>
    HttpCallFailed = 2,

    /// <summary>A verify step had no valid address to send a code to and went to its <c>onFail</c> step.</summary>
    VerificationImpossible = 3,
}
