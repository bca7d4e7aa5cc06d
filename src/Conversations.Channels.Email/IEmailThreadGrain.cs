using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Email;

/// <summary>
/// The mail threads between a mailbox and one customer address (key: <see cref="KeyOf"/>), each with its conversation:
/// the subject and the Message-IDs exchanged, so that a customer's answer goes to its thread's conversation and our
/// replies carry In-Reply-To and References and land in the customer's thread. Keyed by the address rather than the
/// conversation so the thread is chosen before the mail reaches a conversation (whose bot may answer at once); a mail
/// on a new subject starts a new thread (<see cref="EmailThreading"/>).
/// </summary>
[Orleans.CodeGeneration.Version(1)] // 1: threads per conversation (ThreadAsync, LandedAsync, GetForAsync, RecordSentForAsync)
public interface IEmailThreadGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a customer's mail (dedup key <paramref name="dedupKey"/>) in the thread it answers, or in a new thread,
    /// and returns the conversation it goes to; the same answer for the same mail read again.
    /// </summary>
    Task<InboundThread> ThreadAsync(string dedupKey, EmailThreadEntry entry, TimeSpan reopenWithin);

    /// <summary>
    /// Records that mail <paramref name="dedupKey"/> landed in <paramref name="conversationId"/>: when that is a new
    /// conversation (its thread's closed too long ago), the thread's next mails go there.
    /// </summary>
    Task LandedAsync(string dedupKey, Guid conversationId);

    /// <summary>The thread of <paramref name="conversationId"/>, or null when no mail of it was recorded.</summary>
    Task<EmailThread?> GetForAsync(Guid conversationId);

    /// <summary>Records a reply we sent in <paramref name="conversationId"/> with Message-ID <paramref name="messageId"/>.</summary>
    Task RecordSentForAsync(Guid conversationId, string messageId);

    /// <summary>Records a mail the customer sent into the latest thread (version 0; see <see cref="ThreadAsync"/>).</summary>
    Task RecordAsync(EmailThreadEntry entry);

    /// <summary>Records a reply we sent with Message-ID <paramref name="messageId"/> in the latest thread (version 0).</summary>
    Task RecordSentAsync(string messageId);

    /// <summary>The latest thread, or null when no mail was recorded (version 0; see <see cref="GetForAsync"/>).</summary>
    Task<EmailThread?> GetAsync();

    /// <summary>The key of the thread of mailbox <paramref name="account"/> of <paramref name="tenantId"/> with <paramref name="address"/>.</summary>
    static string KeyOf(Guid tenantId, string account, string address) =>
        $"{tenantId:N}:{Uri.EscapeDataString(account)}:{Uri.EscapeDataString(address.ToLowerInvariant())}";
}
