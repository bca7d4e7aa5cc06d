using System.Text.RegularExpressions;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>Asks a question and waits for a valid answer, re-asking up to <paramref name="MaxRetries"/> times.</summary>
internal sealed record InputStep(
    string Id,
    Template Text,
    InputKind Kind,
    string? Variable,
    Regex? Pattern,
    int MinLength,
    int MaxLength,
    Template? RetryText,
    int MaxRetries,
    string Next,
    string? OnFail) : ScenarioStep(Id)
{
    /// <inheritdoc />
    public override bool WaitsForCustomer => true;
}
