namespace Conversations.Channels.Email;

/// <summary>
/// The current mail thread between a mailbox and one customer address (key: <see cref="KeyOf"/>): the subject and the
/// Message-IDs exchanged, so that our replies carry In-Reply-To and References and land in the customer's thread. Keyed
/// by the address rather than the conversation so the thread is recorded before the mail reaches the conversation
/// (whose bot may answer at once); a mail that replies to nothing starts a new thread.
/// </summary>
public interface IEmailThreadGrain : IGrainWithStringKey
{
    /// <summary>Records a mail the customer sent into the conversation.</summary>
    Task RecordAsync(EmailThreadEntry entry);

    /// <summary>Records a reply we sent with Message-ID <paramref name="messageId"/>.</summary>
    Task RecordSentAsync(string messageId);

    /// <summary>The thread so far, or null when no mail was recorded.</summary>
    Task<EmailThread?> GetAsync();

    /// <summary>The key of the thread of mailbox <paramref name="account"/> of <paramref name="tenantId"/> with <paramref name="address"/>.</summary>
    static string KeyOf(Guid tenantId, string account, string address) =>
        $"{tenantId:N}:{Uri.EscapeDataString(account)}:{Uri.EscapeDataString(address.ToLowerInvariant())}";
}
