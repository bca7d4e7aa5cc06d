namespace Conversations.Bot.Scenarios.Steps;

/// <summary>One choice of a menu.</summary>
internal sealed record MenuOption(string Label, string Payload, string Next);
