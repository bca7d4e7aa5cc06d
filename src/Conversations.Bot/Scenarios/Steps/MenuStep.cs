using System.Collections.Immutable;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>Shows options and waits for the customer to choose one.</summary>
internal sealed record MenuStep(string Id, Template Text, ImmutableArray<MenuOption> Options) : ScenarioStep(Id)
{
    /// <inheritdoc />
    public override bool WaitsForCustomer => true;
}
