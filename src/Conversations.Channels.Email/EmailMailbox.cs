using System.Globalization;
using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Email;

/// <summary>
/// A connected mailbox's non-secret settings, kept in <see cref="ChannelAccount.Settings"/>; the password or access
/// token is the account's <see cref="ChannelAccount.Credential"/> and the inbound hook's HMAC key its
/// <see cref="ChannelAccount.WebhookSecret"/>. The account id is the mailbox's address.
/// </summary>
/// <param name="Address">The address customers write to and replies come from.</param>
/// <param name="DisplayName">The name replies are sent under ("Shop support").</param>
/// <param name="Imap">The IMAP server.</param>
/// <param name="Smtp">The SMTP (submission) server.</param>
/// <param name="Username">The login name on both servers.</param>
/// <param name="CredentialKind">Password or OAuth 2.0 access token.</param>
/// <param name="Folder">The folder read for new mail.</param>
/// <param name="Signature">Plain-text signature under every reply, or null.</param>
/// <param name="TrustedAuthServId">
/// The receiving server's authserv-id (RFC 8601) whose topmost <c>Authentication-Results</c> header is believed about
/// DMARC, or null: then no sender is verified by it.
/// </param>
/// <param name="VouchForSenders">True when the business's mail system verifies every sender before the mail reaches us.</param>
/// <param name="ReopenWithinDays">
/// How many days after a conversation closed an answer in its thread reopens it (0: never); later it opens a new one.
/// </param>
/// <param name="DkimDomain">The domain replies are DKIM-signed for (d=), or null: not signed (the key is a secret setting, <see cref="EmailDkim"/>).</param>
/// <param name="DkimSelector">The DKIM selector (s=) whose TXT record at <c>{selector}._domainkey.{domain}</c> holds the public key.</param>
public sealed record EmailMailbox(
    string Address, string DisplayName, EmailServer Imap, EmailServer Smtp, string Username, EmailCredentialKind CredentialKind, string Folder,
    string? Signature = null, string? TrustedAuthServId = null, bool VouchForSenders = false, int ReopenWithinDays = EmailMailbox.DefaultReopenWithinDays,
    string? DkimDomain = null, string? DkimSelector = null)
{
    /// <summary>Days a closed conversation reopens on an answer in its thread, unless the mailbox says otherwise.</summary>
    public const int DefaultReopenWithinDays = 7;

    /// <summary>Most days a mailbox may keep closed conversations reopening.</summary>
    public const int MaxReopenWithinDays = 365;

    /// <summary>Longest signature (characters).</summary>
    public const int MaxSignatureLength = 1000;

    /// <summary>The settings as stored with the account.</summary>
    public IReadOnlyDictionary<string, string> ToSettings() => new Dictionary<string, string>
    {
        ["signature"] = Signature ?? "",
        ["trusted_authserv_id"] = TrustedAuthServId ?? "",
        ["vouch_for_senders"] = VouchForSenders ? "true" : "false",
        ["display_name"] = DisplayName,
        ["imap_host"] = Imap.Host,
        ["imap_port"] = Imap.Port.ToString(CultureInfo.InvariantCulture),
        ["imap_tls"] = Imap.Tls.ToString(),
        ["smtp_host"] = Smtp.Host,
        ["smtp_port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["smtp_tls"] = Smtp.Tls.ToString(),
        ["username"] = Username,
        ["credential_kind"] = CredentialKind.ToString(),
        ["folder"] = Folder,
        ["reopen_days"] = ReopenWithinDays.ToString(CultureInfo.InvariantCulture),
        ["dkim_domain"] = DkimDomain ?? "",
        ["dkim_selector"] = DkimSelector ?? "",
    };

    /// <summary>How long after a conversation of <paramref name="account"/> closed an answer in its thread reopens it.</summary>
    public static TimeSpan ReopenWithinOf(ChannelAccount account) => TimeSpan.FromDays(
        int.TryParse(account.Settings?.GetValueOrDefault("reopen_days"), NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            ? Math.Min(days, MaxReopenWithinDays)
            : DefaultReopenWithinDays);

    /// <summary>The mailbox of <paramref name="account"/>, read back from its settings.</summary>
    public static EmailMailbox Of(ChannelAccount account)
    {
        var s = account.Settings ?? throw new InvalidOperationException($"{account} has no mailbox settings.");
        return new EmailMailbox(
            account.Key.Account,
            s.GetValueOrDefault("display_name") ?? account.DisplayName,
            new EmailServer(s["imap_host"], int.Parse(s["imap_port"], CultureInfo.InvariantCulture), Enum.Parse<EmailTlsMode>(s["imap_tls"])),
            new EmailServer(s["smtp_host"], int.Parse(s["smtp_port"], CultureInfo.InvariantCulture), Enum.Parse<EmailTlsMode>(s["smtp_tls"])),
            s["username"],
            Enum.Parse<EmailCredentialKind>(s["credential_kind"]),
            s.GetValueOrDefault("folder") ?? "INBOX",
            s.GetValueOrDefault("signature") is { Length: > 0 } signature ? signature : null,
            s.GetValueOrDefault("trusted_authserv_id") is { Length: > 0 } authServId ? authServId : null,
            s.GetValueOrDefault("vouch_for_senders") == "true",
            (int)ReopenWithinOf(account).TotalDays,
            s.GetValueOrDefault("dkim_domain") is { Length: > 0 } dkimDomain ? dkimDomain : null,
            s.GetValueOrDefault("dkim_selector") is { Length: > 0 } dkimSelector ? dkimSelector : null);
    }
}
