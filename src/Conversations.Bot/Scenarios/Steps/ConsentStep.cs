using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>Asks permission (e.g. to process personal data) with yes/no buttons and records the answer.</summary>
internal sealed record ConsentStep(
    string Id,
    Template Text,
    string Purpose,
    string Version,
    string YesLabel,
    string NoLabel,
    bool AskAgain,
    string OnYes,
    string OnNo) : ScenarioStep(Id)
{
    /// <inheritdoc />
    public override bool WaitsForCustomer => true;
}
