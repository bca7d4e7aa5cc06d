using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>The text shown for a score from <paramref name="Min"/> to <paramref name="Max"/> inclusive.</summary>
internal sealed record QuizResult(int Min, int Max, Template Text);
