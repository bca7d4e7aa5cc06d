using System.Collections.Immutable;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>Asks questions one by one, counts right answers, and shows the result for the score.</summary>
internal sealed record QuizStep(
    string Id,
    Template? Intro,
    ImmutableArray<QuizQuestion> Questions,
    ImmutableArray<QuizResult> Results,
    Template CorrectText,
    Template WrongText,
    string? Next) : ScenarioStep(Id)
{
    /// <inheritdoc />
    public override bool WaitsForCustomer => true;
}
