namespace Conversations.Channels.Email;

/// <summary>Settings of the e-mail gateway (section <c>Channels:Email</c>).</summary>
public sealed class EmailOptions
{
    /// <summary>How often each silo looks for mailboxes it does not read yet.</summary>
    public TimeSpan RegistryRefresh { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a mailbox whose server has no IDLE is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest IDLE before it is renewed (RFC 2177 asks clients to re-issue IDLE at least every 29 minutes; shorter
    /// keeps the reading lease fresh).
    /// </summary>
    public TimeSpan IdleRenewal { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a silo keeps the right to read a mailbox without renewing it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(3);
}
