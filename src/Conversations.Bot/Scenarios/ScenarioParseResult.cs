namespace Conversations.Bot.Scenarios;

/// <summary>The outcome of validating a scenario document: the scenario, or every problem found.</summary>
/// <param name="Scenario">The validated scenario; null when there are problems.</param>
/// <param name="Problems">Every problem, in document order; empty when valid.</param>
public sealed record ScenarioParseResult(Scenario? Scenario, IReadOnlyList<ScenarioProblem> Problems)
{
    /// <summary>Whether the document is a valid scenario.</summary>
    public bool IsValid => Scenario is not null;

    /// <summary>All problems, one per line, for an admin's error message or a log.</summary>
    public override string ToString() => IsValid ? "valid" : string.Join(Environment.NewLine, Problems);
}
