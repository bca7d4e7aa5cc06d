using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>Hands the conversation to an operator; the scenario ends here.</summary>
internal sealed record HandoffStep(string Id, Template Reason, Template? Text) : ScenarioStep(Id);
