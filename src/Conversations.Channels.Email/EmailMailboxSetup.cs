namespace Conversations.Channels.Email;

/// <summary>What an admin enters to connect a mailbox (checked by <see cref="EmailConnector"/>).</summary>
/// <param name="Address">The support address.</param>
/// <param name="DisplayName">The name replies go out under; the address when empty.</param>
/// <param name="ImapHost">IMAP host.</param>
/// <param name="ImapPort">IMAP port; 993 (SslOnConnect) or 143 by default.</param>
/// <param name="ImapTls">IMAP security; SslOnConnect by default.</param>
/// <param name="SmtpHost">SMTP submission host.</param>
/// <param name="SmtpPort">SMTP port; 465 (SslOnConnect) or 587 by default.</param>
/// <param name="SmtpTls">SMTP security; StartTls by default.</param>
/// <param name="Username">Login on both servers; the address when empty.</param>
/// <param name="Credential">Password or OAuth 2.0 access token.</param>
/// <param name="CredentialKind">What <paramref name="Credential"/> is; Password by default.</param>
/// <param name="Folder">Folder to read; INBOX by default.</param>
/// <param name="Signature">Plain-text signature under every reply; none when empty.</param>
/// <param name="TrustedAuthServId">The receiving server's authserv-id whose DMARC results verify senders; none when empty.</param>
/// <param name="VouchForSenders">True when the business's mail system verifies every sender.</param>
/// <param name="ReopenWithinDays">Days after closing that an answer in a conversation's thread reopens it (0: never); 7 by default.</param>
/// <param name="DkimDomain">The domain to DKIM-sign replies for; with the selector and key, or none of the three.</param>
/// <param name="DkimSelector">The DKIM selector.</param>
/// <param name="DkimPrivateKey">The RSA private key in PEM; a secret, never shown back.</param>
public sealed record EmailMailboxSetup(
    string? Address,
    string? DisplayName,
    string? ImapHost,
    int? ImapPort,
    EmailTlsMode? ImapTls,
    string? SmtpHost,
    int? SmtpPort,
    EmailTlsMode? SmtpTls,
    string? Username,
    string? Credential,
    EmailCredentialKind? CredentialKind,
    string? Folder,
    string? Signature = null,
    string? TrustedAuthServId = null,
    bool? VouchForSenders = null,
    int? ReopenWithinDays = null,
    string? DkimDomain = null,
    string? DkimSelector = null,
    string? DkimPrivateKey = null);
