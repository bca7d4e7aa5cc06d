using Conversations.Api.Contracts.Messages;

namespace Conversations.Api.Contracts.Tenants;

/// <summary>A ready-made reply operators send with a shortcut: a text, a text with a link button, or an image gallery.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Shortcut">What operators type to pick it (e.g. "delivery"), unique in the tenant.</param>
/// <param name="Title">Shown in the operator's list.</param>
/// <param name="Contents">The messages it sends, in order (a gallery is several images).</param>
/// <param name="UsageCount">How often it was sent.</param>
public sealed record CannedReply(
    Guid Id,
    string Shortcut,
    string Title,
    IReadOnlyList<MessageContent> Contents,
    long UsageCount);
