using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>A button under a message: opens <paramref name="Url"/>, or jumps to <paramref name="Next"/> when pressed.</summary>
internal sealed record MessageButton(string Label, Template? Url, string? Next, string Payload);
