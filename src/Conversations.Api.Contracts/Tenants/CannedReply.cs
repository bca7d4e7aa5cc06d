using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Messages;

namespace Conversations.Api.Contracts.Tenants;

/// <summary>A ready-made reply operators send with a shortcut: a text, a text with a link button, or an image gallery.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Shortcut">What operators type to pick it (e.g. "delivery"), unique in the tenant.</param>
/// <param name="Title">Shown in the operator's list.</param>
/// <param name="Contents">The messages it sends, in order (a gallery is several images).</param>
/// <param name="UsageCount">
/// How often it was sent. Read-only: the server counts; a value sent in a body is ignored (a new reply starts at 0, a
/// replaced one keeps its count), so a client can send back what it read.
/// </param>
public sealed record CannedReply(
    Guid Id,
    [property: MaxLength(FieldLimits.Identifier)] string Shortcut,
    [property: MaxLength(FieldLimits.Title)] string Title,
    [property: MaxLength(FieldLimits.MessagesPerReply)] IReadOnlyList<MessageContent> Contents,
    long UsageCount = 0);
