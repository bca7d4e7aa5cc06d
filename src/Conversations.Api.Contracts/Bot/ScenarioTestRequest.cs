using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Bot;

/// <summary>
/// One turn of the draft's test chat, as a website visitor: type <paramref name="Text"/> or press a button's
/// <paramref name="Payload"/>; neither starts the chat (as <c>/start</c>). Send back the <paramref name="State"/> of the
/// previous answer (none: a new test chat).
/// </summary>
/// <param name="Text">What the visitor types.</param>
/// <param name="Payload">The payload of the button pressed.</param>
/// <param name="State">The previous answer's <c>state</c>, as it was.</param>
public sealed record ScenarioTestRequest(
    [property: MaxLength(FieldLimits.MessageText)] string? Text = null,
    [property: MaxLength(FieldLimits.ButtonPayloadBytes)] string? Payload = null,
    [property: MaxLength(FieldLimits.ScenarioTestState)] string? State = null);
