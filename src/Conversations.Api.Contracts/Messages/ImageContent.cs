namespace Conversations.Api.Contracts.Messages;

/// <summary>An image given by URL (outbound) or by the channel's file id (inbound), with an optional caption.</summary>
public sealed record ImageContent(
    string? Url,
    string? FileId,
    string? Caption = null,
    IReadOnlyList<Button>? Buttons = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Caption ?? "";
}
