namespace Conversations.Abstractions.Messages;

/// <summary>A button under a message: either sends <paramref name="Payload"/> back when pressed, or opens <paramref name="Url"/>.</summary>
/// <param name="Label">What the button says.</param>
/// <param name="Payload">Data returned to the bot when pressed (a callback in Telegram).</param>
/// <param name="Url">A link the button opens instead.</param>
[GenerateSerializer, Immutable, Alias("conv.Button")]
public sealed record Button(
    [property: Id(0)] string Label,
    [property: Id(1)] string? Payload = null,
    [property: Id(2)] string? Url = null);
