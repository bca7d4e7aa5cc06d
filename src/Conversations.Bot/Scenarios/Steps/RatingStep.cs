using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>A survey question answered with a score from <paramref name="Min"/> to <paramref name="Max"/>.</summary>
internal sealed record RatingStep(
    string Id,
    Template Text,
    int Min,
    int Max,
    int Threshold,
    string OnHigh,
    string OnLow,
    bool HandoffOnLow,
    string? Variable) : ScenarioStep(Id)
{
    /// <inheritdoc />
    public override bool WaitsForCustomer => true;
}
