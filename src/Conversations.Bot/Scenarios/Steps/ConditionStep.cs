using System.Collections.Immutable;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>Goes to the first branch whose conditions hold, or to <paramref name="Else"/>.</summary>
internal sealed record ConditionStep(string Id, ImmutableArray<ConditionBranch> Branches, string Else) : ScenarioStep(Id);
