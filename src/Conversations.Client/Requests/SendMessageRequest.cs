namespace Conversations.Client.Requests;

/// <summary>An operator's reply: exactly one kind is set (the server refuses anything else).</summary>
internal sealed record SendMessageRequest(
    string? Text = null,
    string? ImageUrl = null,
    string? Caption = null,
    string? LinkUrl = null,
    string? LinkTitle = null,
    Guid? CannedReplyId = null,
    string? CannedShortcut = null,
    string? BotStep = null);
