namespace Conversations.Channels.Email;

/// <summary>The threading headers of one mail (RFC 5322 3.6.4).</summary>
/// <param name="Subject">The subject, decoded.</param>
/// <param name="MessageId">Its Message-ID without angle brackets, if it had one.</param>
/// <param name="References">Its References (and In-Reply-To), oldest first.</param>
[GenerateSerializer, Immutable, Alias("conv.email.EmailThreadEntry")]
public sealed record EmailThreadEntry(
    [property: Id(0)] string Subject,
    [property: Id(1)] string? MessageId,
    [property: Id(2)] IReadOnlyList<string> References);
