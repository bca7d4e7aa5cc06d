namespace Conversations.Api.Contracts.Messages;

/// <summary>Something the platform does not handle (a sticker, a voice note...), kept with its kind so nothing is lost.</summary>
public sealed record UnsupportedContent(
    string Kind) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => "";
}
