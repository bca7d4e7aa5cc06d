using System.Collections.Immutable;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>A quiz question; <paramref name="Answer"/> is the 0-based index of the right option.</summary>
internal sealed record QuizQuestion(Template Text, ImmutableArray<string> Options, int Answer);
