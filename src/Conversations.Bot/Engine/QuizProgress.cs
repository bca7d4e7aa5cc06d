namespace Conversations.Bot.Engine;

/// <summary>Where a customer is in a quiz.</summary>
/// <param name="QuestionIndex">The question being asked (0-based).</param>
/// <param name="Score">Right answers so far.</param>
public sealed record QuizProgress(int QuestionIndex, int Score);
