namespace Conversations.Persistence.Media;

/// <summary>
/// Which stored mail (a <c>message/rfc822</c> file of the media store) each customer message of the e-mail channel
/// came from. Every read is scoped to a tenant and a conversation: another tenant's ids find nothing.
/// </summary>
public interface IMailOriginalStore
{
    /// <summary>Links message <paramref name="messageId"/> of the conversation to the mail file <paramref name="mediaId"/>; again is a no-op.</summary>
    Task LinkAsync(Guid tenantId, Guid conversationId, Guid messageId, Guid mediaId, CancellationToken cancellationToken = default);

    /// <summary>The mail file message <paramref name="messageId"/> of the tenant's conversation came from; null when none is linked.</summary>
    Task<Guid?> FindAsync(Guid tenantId, Guid conversationId, Guid messageId, CancellationToken cancellationToken = default);
}
