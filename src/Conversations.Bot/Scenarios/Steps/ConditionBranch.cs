using System.Collections.Immutable;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>Goes to <paramref name="Next"/> when every condition holds.</summary>
internal sealed record ConditionBranch(ImmutableArray<Condition> When, string Next);
