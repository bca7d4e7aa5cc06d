using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Conversations.Channels.Email;

/// <summary>
/// Opens authenticated IMAP and SMTP connections for a mailbox (MailKit). The credential is a password or an OAuth 2.0
/// access token (SASL XOAUTH2); the server's certificate is checked the default way (no override).
/// </summary>
public static class EmailClients
{
    /// <summary>Longest wait for one server answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>An IMAP client connected to and logged in to <paramref name="mailbox"/>'s server.</summary>
    public static async Task<ImapClient> OpenImapAsync(EmailMailbox mailbox, string credential, CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(mailbox.Imap.Host, mailbox.Imap.Port, Secure(mailbox.Imap.Tls), cancellationToken);
            await AuthenticateAsync(client, mailbox, credential, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>An SMTP client connected to and logged in to <paramref name="mailbox"/>'s submission server.</summary>
    public static async Task<SmtpClient> OpenSmtpAsync(EmailMailbox mailbox, string credential, CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(mailbox.Smtp.Host, mailbox.Smtp.Port, Secure(mailbox.Smtp.Tls), cancellationToken);
            await AuthenticateAsync(client, mailbox, credential, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static Task AuthenticateAsync(IMailService client, EmailMailbox mailbox, string credential, CancellationToken cancellationToken) =>
        mailbox.CredentialKind == EmailCredentialKind.OAuth2
            ? client.AuthenticateAsync(new SaslMechanismOAuth2(mailbox.Username, credential), cancellationToken)
            : client.AuthenticateAsync(mailbox.Username, credential, cancellationToken);

    private static SecureSocketOptions Secure(EmailTlsMode mode) => mode switch
    {
        EmailTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        EmailTlsMode.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}
