namespace Conversations.Api.Contracts.Messages;

/// <summary>A button under a message: either sends <paramref name="Payload"/> back when pressed, or opens <paramref name="Url"/>.</summary>
/// <param name="Label">What the button says.</param>
/// <param name="Payload">Data returned to the bot when pressed (a callback in Telegram).</param>
/// <param name="Url">A link the button opens instead.</param>
public sealed record Button(
    string Label,
    string? Payload = null,
    string? Url = null);
