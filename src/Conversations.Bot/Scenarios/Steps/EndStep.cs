using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>Ends the scenario (with an optional last text); the next free text goes to the FAQ.</summary>
internal sealed record EndStep(string Id, Template? Text) : ScenarioStep(Id);
