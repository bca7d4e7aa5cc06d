namespace Conversations.Channels.Email;

/// <summary>A conversation's mail thread.</summary>
/// <param name="Subject">The subject of the customer's first mail.</param>
/// <param name="LastCustomerMessageId">The Message-ID of the customer's latest mail (our In-Reply-To).</param>
/// <param name="References">The thread's Message-IDs, oldest first, at most <see cref="EmailThreadGrain.MaxReferences"/>.</param>
/// <param name="ConversationId">The conversation the thread's mails go to (null on threads recorded before threads had one).</param>
[GenerateSerializer, Immutable, Alias("conv.email.EmailThread")]
public sealed record EmailThread(
    [property: Id(0)] string Subject,
    [property: Id(1)] string? LastCustomerMessageId,
    [property: Id(2)] IReadOnlyList<string> References,
    [property: Id(3)] Guid? ConversationId = null);
