namespace Conversations.Bot.Effects;

/// <summary>The customer finished a quiz.</summary>
public sealed record QuizCompleted(string StepId, int Score, int Total) : BotEffect;
