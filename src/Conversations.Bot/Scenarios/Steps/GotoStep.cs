namespace Conversations.Bot.Scenarios.Steps;

/// <summary>Continues at <paramref name="Target"/>.</summary>
internal sealed record GotoStep(string Id, string Target) : ScenarioStep(Id);
