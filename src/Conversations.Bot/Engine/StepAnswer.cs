namespace Conversations.Bot.Engine;

/// <summary>What a waiting step made of the customer's input.</summary>
internal readonly record struct StepAnswer(StepAnswerKind Kind, string? Next)
{
    /// <summary>Accepted: continue at <paramref name="next"/> (null ends the scenario).</summary>
    public static StepAnswer MoveTo(string? next) => new(StepAnswerKind.Moved, next);

    /// <summary>Handled, and the step still waits (a retry prompt, the next quiz question).</summary>
    public static StepAnswer Stay { get; } = new(StepAnswerKind.Stayed, null);

    /// <summary>Not what the step expects; the input is looked at outside the step.</summary>
    public static StepAnswer NotUnderstood { get; } = new(StepAnswerKind.NotUnderstood, null);
}
