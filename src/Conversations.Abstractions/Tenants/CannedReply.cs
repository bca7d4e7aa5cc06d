using Conversations.Abstractions.Messages;

namespace Conversations.Abstractions.Tenants;

/// <summary>A ready-made reply operators send with a shortcut: a text, a text with a link button, or an image gallery.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Shortcut">What operators type to pick it (e.g. "delivery"), unique in the tenant.</param>
/// <param name="Title">Shown in the operator's list.</param>
/// <param name="Contents">The messages it sends, in order (a gallery is several images).</param>
/// <param name="UsageCount">How often it was sent.</param>
[GenerateSerializer, Immutable, Alias("conv.CannedReply")]
public sealed record CannedReply(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Shortcut,
    [property: Id(2)] string Title,
    [property: Id(3)] IReadOnlyList<MessageContent> Contents,
    [property: Id(4)] long UsageCount);
