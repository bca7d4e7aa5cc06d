namespace Conversations.Bot.Scenarios.Steps;

/// <summary>Copies the value at <paramref name="Path"/> in the JSON answer into <paramref name="Variable"/>.</summary>
internal sealed record HttpAssignment(string Variable, JsonValuePath Path);
