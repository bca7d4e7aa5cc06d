using System.Collections.Immutable;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>Sends a text (and an image, and buttons), then goes on to <paramref name="Next"/> (or ends).</summary>
internal sealed record MessageStep(string Id, Template? Text, Template? ImageUrl, ImmutableArray<MessageButton> Buttons, string? Next)
    : ScenarioStep(Id);
