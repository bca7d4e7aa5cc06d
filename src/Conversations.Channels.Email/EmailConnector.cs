using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Channels.Accounts;
using Conversations.Channels.Outbound;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Conversations.Channels.Email;

/// <summary>
/// Connects a tenant's support mailbox: checks the entries, logs in to the IMAP server and opens the folder, logs in
/// to the SMTP server, and only then stores the account (a failure is a 400 naming the field and what failed: the
/// connection, TLS, the login or the folder). Reading starts at the folder's next message: the mail already in the
/// mailbox is not imported. Several mailboxes per tenant; one address belongs to one tenant.
/// </summary>
public sealed class EmailConnector(IGrainFactory grains, ChannelAccountCache accounts, OutboundUrlPolicy network)
{
    /// <summary>Longest host name (RFC 1035).</summary>
    public const int MaxHostLength = 253;

    /// <summary>Longest address (RFC 5321 path limit).</summary>
    public const int MaxAddressLength = 254;

    /// <summary>Longest password or access token taken.</summary>
    public const int MaxCredentialLength = 4096;

    /// <summary>Connects the mailbox described by <paramref name="setup"/> to <paramref name="tenantId"/>.</summary>
    public async Task<EmailConnection> ConnectAsync(Guid tenantId, EmailMailboxSetup setup, CancellationToken cancellationToken)
    {
        var (mailbox, credential) = Validate(setup);
        var dkimKey = DkimKeyOf(setup, mailbox);
        await CheckReachableAsync("imapHost", mailbox.Imap.Host, cancellationToken);
        await CheckReachableAsync("smtpHost", mailbox.Smtp.Host, cancellationToken);
        var start = await CheckImapAsync(mailbox, credential, cancellationToken);
        await CheckSmtpAsync(mailbox, credential, cancellationToken);

        var key = new ChannelAccountKey(ChannelKind.Email, mailbox.Address);
        var grain = grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey());
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var settings = new Dictionary<string, string>(mailbox.ToSettings());
        if (dkimKey is not null)
        {
            settings[EmailDkim.PrivateKeySetting] = dkimKey;
        }

        var account = new ChannelAccount(key, tenantId, mailbox.DisplayName, InboundMode.Polling, credential, secret, Enabled: true, settings);
        await grain.ConnectAsync(account);
        await grain.ConfirmPollingOffsetAsync(start.Offset);
        accounts.Invalidate(key);
        return new EmailConnection(account.WithoutSecrets(), EmailWebhookEndpoints.PathOf(mailbox.Address), secret);
    }

    /// <summary>The mailbox and credential in <paramref name="setup"/>, or a 400 naming the first wrong field.</summary>
    public static (EmailMailbox Mailbox, string Credential) Validate(EmailMailboxSetup setup)
    {
        var address = setup.Address?.Trim() ?? "";
        if (address.Length is 0 or > MaxAddressLength || !MailboxAddress.TryParse(address, out var parsed)
            || parsed.Address != address || !address.Contains('@', StringComparison.Ordinal))
        {
            throw DomainException.Invalid("address: give the support address alone, like support@example.com.");
        }

        var displayName = string.IsNullOrWhiteSpace(setup.DisplayName) ? address : setup.DisplayName.Trim();
        EmailHeaders.RefuseLineBreaks("displayName", displayName);
        if (displayName.Length > 200)
        {
            throw DomainException.Invalid("displayName: at most 200 characters.");
        }

        var imapTls = setup.ImapTls ?? EmailTlsMode.SslOnConnect;
        var smtpTls = setup.SmtpTls ?? EmailTlsMode.StartTls;
        var imap = new EmailServer(Host("imapHost", setup.ImapHost), Port("imapPort", setup.ImapPort, imapTls == EmailTlsMode.SslOnConnect ? 993 : 143), imapTls);
        var smtp = new EmailServer(Host("smtpHost", setup.SmtpHost), Port("smtpPort", setup.SmtpPort, smtpTls == EmailTlsMode.SslOnConnect ? 465 : 587), smtpTls);
        var username = string.IsNullOrWhiteSpace(setup.Username) ? address : setup.Username.Trim();
        if (username.Length > MaxAddressLength || username.Any(char.IsControl))
        {
            throw DomainException.Invalid($"username: at most {MaxAddressLength} characters, no control characters.");
        }

        var credential = setup.Credential ?? "";
        if (credential.Length is 0 or > MaxCredentialLength || credential.Any(c => c is '\r' or '\n' or '\0'))
        {
            throw DomainException.Invalid($"credential: the password or OAuth 2.0 access token is required (at most {MaxCredentialLength} characters, one line).");
        }

        var folder = string.IsNullOrWhiteSpace(setup.Folder) ? "INBOX" : setup.Folder.Trim();
        if (folder.Length > 200 || folder.Any(char.IsControl))
        {
            throw DomainException.Invalid("folder: at most 200 characters, no control characters.");
        }

        var signature = setup.Signature?.Trim().ReplaceLineEndings("\n");
        if (signature is { Length: > EmailMailbox.MaxSignatureLength } || signature?.Any(c => char.IsControl(c) && c != '\n') == true)
        {
            throw DomainException.Invalid($"signature: plain text of at most {EmailMailbox.MaxSignatureLength} characters, no control characters but line breaks.");
        }

        var authServId = setup.TrustedAuthServId?.Trim();
        if (authServId is { Length: > 253 } || authServId?.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == ';') == true)
        {
            throw DomainException.Invalid("trustedAuthServId: the receiving server's name as it writes it in Authentication-Results (like mx.google.com), at most 253 characters, no spaces.");
        }

        var reopenDays = setup.ReopenWithinDays ?? EmailMailbox.DefaultReopenWithinDays;
        if (reopenDays is < 0 or > EmailMailbox.MaxReopenWithinDays)
        {
            throw DomainException.Invalid($"reopenWithinDays: from 0 (an answer after closing always opens a new conversation) to {EmailMailbox.MaxReopenWithinDays} days.");
        }

        var dkimDomain = string.IsNullOrWhiteSpace(setup.DkimDomain) ? null : setup.DkimDomain.Trim().ToLowerInvariant();
        var dkimSelector = string.IsNullOrWhiteSpace(setup.DkimSelector) ? null : setup.DkimSelector.Trim();
        var hasKey = !string.IsNullOrWhiteSpace(setup.DkimPrivateKey);
        // DKIM takes all three or none: name the first one missing.
        if ((dkimDomain, dkimSelector, hasKey) is not (null, null, false) and not ({ }, { }, true))
        {
            throw DomainException.Invalid(dkimDomain is null ? "dkimDomain: DKIM signing needs the domain, the selector and the private key together."
                : dkimSelector is null ? "dkimSelector: DKIM signing needs the domain, the selector and the private key together."
                : "dkimPrivateKey: DKIM signing needs the private key (PEM) with the domain and selector.");
        }

        if (dkimDomain is not null && (dkimDomain.Length > MaxHostLength || Uri.CheckHostName(dkimDomain) != UriHostNameType.Dns))
        {
            throw DomainException.Invalid("dkimDomain: the domain the mail is signed for (d=), like example.com.");
        }

        if (dkimSelector is not null && !EmailDkim.IsSelector(dkimSelector))
        {
            throw DomainException.Invalid($"dkimSelector: a DNS name of letters, digits, hyphens and dots, at most {EmailDkim.MaxSelectorLength} characters (like mail2026).");
        }

        return (new EmailMailbox(address.ToLowerInvariant(), displayName, imap, smtp, username, setup.CredentialKind ?? EmailCredentialKind.Password, folder,
            string.IsNullOrEmpty(signature) ? null : signature, string.IsNullOrEmpty(authServId) ? null : authServId.ToLowerInvariant(), setup.VouchForSenders ?? false, reopenDays,
            dkimDomain, dkimSelector), credential);
    }

    /// <summary>The DKIM private key of <paramref name="setup"/> once it is known to sign, or null without DKIM; a 400 naming dkimPrivateKey otherwise.</summary>
    public static string? DkimKeyOf(EmailMailboxSetup setup, EmailMailbox mailbox)
    {
        if (mailbox.DkimDomain is not { } domain || mailbox.DkimSelector is not { } selector)
        {
            return null;
        }

        var key = setup.DkimPrivateKey!.Trim().ReplaceLineEndings("\n");
        if (key.Length > EmailDkim.MaxPrivateKeyLength)
        {
            throw DomainException.Invalid($"dkimPrivateKey: at most {EmailDkim.MaxPrivateKeyLength} characters.");
        }

        // Never the key itself in the answer: only what is wrong with it.
        return EmailDkim.SignerOf(key, domain, selector).Problem is { } problem ? throw DomainException.Invalid($"dkimPrivateKey: {problem}.") : key;
    }

    /// <summary>
    /// Refuses a host that is, or resolves to, an address the outbound policy keeps tenants from reaching (loopback,
    /// private networks, cloud metadata), unless the platform allows it (<c>Outbound:AllowedNetworks</c>/<c>AllowedHosts</c>).
    /// </summary>
    private async Task CheckReachableAsync(string field, string host, CancellationToken cancellationToken)
    {
        if (network.AllowsHost(host))
        {
            return;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            throw DomainException.Invalid($"{field}: the name {host} does not resolve.");
        }

        if (addresses.Length == 0 || !addresses.All(network.Allows))
        {
            throw DomainException.Invalid($"{field}: {host} is a private or local address, which tenants' mailboxes may not use (the platform can allow it in Outbound:AllowedNetworks).");
        }
    }

    private static string Host(string field, string? host)
    {
        host = host?.Trim() ?? "";
        if (host.Length is 0 or > MaxHostLength || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw DomainException.Invalid($"{field}: a host name such as imap.example.com is required.");
        }

        return host;
    }

    private static int Port(string field, int? port, int fallback) => port switch
    {
        null => fallback,
        >= 1 and <= 65535 => port.Value,
        _ => throw DomainException.Invalid($"{field}: a TCP port from 1 to 65535."),
    };

    private static async Task<EmailPosition> CheckImapAsync(EmailMailbox mailbox, string credential, CancellationToken cancellationToken)
    {
        ImapClient? client = null;
        try
        {
            client = await EmailClients.OpenImapAsync(mailbox, credential, cancellationToken);
            IMailFolder folder;
            try
            {
                folder = await client.GetFolderAsync(mailbox.Folder, cancellationToken);
            }
            catch (FolderNotFoundException)
            {
                throw DomainException.Invalid($"folder: the IMAP server has no folder \"{mailbox.Folder}\".");
            }

            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            var start = new EmailPosition(folder.UidValidity, (folder.UidNext?.Id ?? 1) - 1);
            await client.DisconnectAsync(true, cancellationToken);
            return start;
        }
        catch (Exception ex) when (Explain("imap", "IMAP", mailbox.Imap, ex) is { } explained)
        {
            throw explained;
        }
        finally
        {
            client?.Dispose();
        }
    }

    private static async Task CheckSmtpAsync(EmailMailbox mailbox, string credential, CancellationToken cancellationToken)
    {
        try
        {
            using var client = await EmailClients.OpenSmtpAsync(mailbox, credential, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception ex) when (Explain("smtp", "SMTP", mailbox.Smtp, ex) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>A failed check in plain words, naming the field to fix; null for a failure that is not the admin's to fix.</summary>
    private static DomainException? Explain(string prefix, string protocol, EmailServer server, Exception ex) => ex switch
    {
        DomainException => null,
        AuthenticationException => DomainException.Invalid(
            $"credential: the {protocol} server {server.Host} refused the login (wrong username or password, or an expired access token)."),
        SslHandshakeException => DomainException.Invalid(
            $"{prefix}Tls: the TLS handshake with {server.Host}:{server.Port} failed (wrong port for {server.Tls}, or a certificate that is not trusted)."),
        NotSupportedException when server.Tls == EmailTlsMode.StartTls => DomainException.Invalid(
            $"{prefix}Tls: {server.Host}:{server.Port} does not offer STARTTLS; choose SslOnConnect or another port."),
        SocketException or TimeoutException or IOException => DomainException.Invalid(
            $"{prefix}Host: could not connect to {server.Host}:{server.Port} (the host does not answer there)."),
        ProtocolException or CommandException => DomainException.Invalid(
            $"{prefix}Port: {server.Host}:{server.Port} did not speak {protocol} as expected ({ex.GetType().Name})."),
        _ => null,
    };
}
