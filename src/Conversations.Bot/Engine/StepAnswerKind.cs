namespace Conversations.Bot.Engine;

/// <summary>See <see cref="StepAnswer"/>.</summary>
internal enum StepAnswerKind
{
    Moved,
    Stayed,
    NotUnderstood,
}
