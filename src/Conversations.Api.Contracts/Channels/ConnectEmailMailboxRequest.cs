using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Channels;

/// <summary>Connects a support mailbox: both servers are logged in to before anything is stored.</summary>
/// <param name="Address">The support address customers write to and replies come from.</param>
/// <param name="DisplayName">The name replies go out under; the address when empty.</param>
/// <param name="ImapHost">IMAP server host.</param>
/// <param name="ImapPort">IMAP port; 993 with SslOnConnect, else 143, when empty.</param>
/// <param name="ImapTls">IMAP security; SslOnConnect when empty.</param>
/// <param name="SmtpHost">SMTP submission server host.</param>
/// <param name="SmtpPort">SMTP port; 465 with SslOnConnect, else 587, when empty.</param>
/// <param name="SmtpTls">SMTP security; StartTls when empty.</param>
/// <param name="Username">Login on both servers; the address when empty.</param>
/// <param name="Credential">The password, or the OAuth 2.0 access token; never shown back.</param>
/// <param name="CredentialKind">What the credential is; Password when empty.</param>
/// <param name="Folder">The folder read for new mail; INBOX when empty.</param>
/// <param name="Signature">Plain-text signature under every reply (below the operator's name on theirs); none when empty.</param>
/// <param name="TrustedAuthServId">
/// The receiving server's authserv-id (RFC 8601), e.g. <c>mx.google.com</c>: a sender whose mail that server's topmost
/// <c>Authentication-Results</c> header says passed DMARC for the From domain counts as verified for linking customers.
/// None when empty: senders' addresses are then only offered to operators as matches.
/// </param>
/// <param name="VouchForSenders">True when the business's own mail system verifies senders (every From counts as verified).</param>
/// <param name="ReopenWithinDays">
/// How many days after a conversation closed a customer's answer in its mail thread reopens it (0: never); later the
/// answer opens a new conversation. 7 when empty.
/// </param>
/// <param name="DkimDomain">The domain replies are DKIM-signed for (d=); DKIM takes the domain, selector and private key together, or none.</param>
/// <param name="DkimSelector">The DKIM selector (s=): the public key is published at <c>{selector}._domainkey.{domain}</c>.</param>
/// <param name="DkimPrivateKey">The RSA private key in PEM (at least 1024 bits, 2048 advised); a secret, never shown back or logged.</param>
public sealed record ConnectEmailMailboxRequest(
    [property: MaxLength(FieldLimits.Email)] string? Address,
    [property: MaxLength(FieldLimits.Title)] string? DisplayName,
    [property: MaxLength(FieldLimits.Hostname)] string? ImapHost,
    [property: Range(1, 65535)] int? ImapPort,
    EmailTlsMode? ImapTls,
    [property: MaxLength(FieldLimits.Hostname)] string? SmtpHost,
    [property: Range(1, 65535)] int? SmtpPort,
    EmailTlsMode? SmtpTls,
    [property: MaxLength(FieldLimits.Email)] string? Username,
    [property: MaxLength(FieldLimits.MailCredential)] string? Credential,
    EmailCredentialKind? CredentialKind,
    [property: MaxLength(FieldLimits.Title)] string? Folder,
    [property: MaxLength(FieldLimits.EmailSignature)] string? Signature = null,
    [property: MaxLength(FieldLimits.Hostname)] string? TrustedAuthServId = null,
    bool? VouchForSenders = null,
    [property: Range(0, 365)] int? ReopenWithinDays = null,
    [property: MaxLength(FieldLimits.Hostname)] string? DkimDomain = null,
    [property: MaxLength(FieldLimits.DkimSelector)] string? DkimSelector = null,
    [property: MaxLength(FieldLimits.DkimPrivateKey)] string? DkimPrivateKey = null);
