namespace Conversations.Abstractions.Messages;

/// <summary>The customer pressed a button; <see cref="Payload"/> is what the button carried.</summary>
[GenerateSerializer, Immutable, Alias("conv.ButtonPressContent")]
public sealed record ButtonPressContent(
    [property: Id(0)] string Payload,
    [property: Id(1)] string? Label = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Label ?? "";
}
