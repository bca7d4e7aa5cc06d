using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Messages;

/// <summary>
/// An operator's reply: exactly one of text; an image (URL, optional caption); a link (URL, title, optional text); a
/// canned reply by id or shortcut; a part of the bot scenario by step id; a file uploaded with <c>POST /api/v1/media</c>
/// by its id (optional caption; images go as photos, anything else as a document); or, on WhatsApp, an approved message
/// template of the tenant's library (the only message WhatsApp allows once the 24-hour window has closed).
/// It goes to the channel the customer last wrote from, unless <paramref name="Channel"/> names another channel the
/// customer is linked on: that channel's rules apply (its window for a human agent; a refusal is a 422 naming the
/// rule in <c>rule</c>, e.g. <c>whatsapp.24h_window</c>, <c>customer.no_identity</c>).
/// </summary>
public sealed record SendMessageRequest(
    [property: MaxLength(FieldLimits.MessageText)] string? Text = null,
    [property: MaxLength(FieldLimits.Url)] string? ImageUrl = null,
    [property: MaxLength(FieldLimits.Caption)] string? Caption = null,
    [property: MaxLength(FieldLimits.Url)] string? LinkUrl = null,
    [property: MaxLength(FieldLimits.LinkTitle)] string? LinkTitle = null,
    Guid? CannedReplyId = null,
    [property: MaxLength(FieldLimits.Identifier)] string? CannedShortcut = null,
    [property: MaxLength(FieldLimits.StepId)] string? BotStep = null,
    Guid? MediaId = null,
    SendTemplate? Template = null,
    ChannelKind? Channel = null);
