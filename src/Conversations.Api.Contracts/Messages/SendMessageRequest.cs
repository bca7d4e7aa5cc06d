namespace Conversations.Api.Contracts.Messages;

/// <summary>
/// An operator's reply: exactly one of text; an image (URL, optional caption); a link (URL, title, optional text); a
/// canned reply by id or shortcut; a part of the bot scenario by step id.
/// </summary>
public sealed record SendMessageRequest(
    string? Text = null,
    string? ImageUrl = null,
    string? Caption = null,
    string? LinkUrl = null,
    string? LinkTitle = null,
    Guid? CannedReplyId = null,
    string? CannedShortcut = null,
    string? BotStep = null);
