namespace Conversations.Client.Models;

/// <summary>The customer pressed a button; <paramref name="Payload"/> is what the button carried.</summary>
public sealed record ButtonPressContent(string Payload, string? Label = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Label ?? "";
}
