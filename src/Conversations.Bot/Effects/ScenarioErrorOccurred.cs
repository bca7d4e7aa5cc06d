namespace Conversations.Bot.Effects;

/// <summary>Something went wrong in the scenario; the customer got a safe reply. Log it for the business.</summary>
public sealed record ScenarioErrorOccurred(ScenarioErrorKind Kind, string StepId, string Detail) : BotEffect;
