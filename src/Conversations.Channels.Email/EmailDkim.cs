using System.Text;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Channels;
using MimeKit;
using MimeKit.Cryptography;

namespace Conversations.Channels.Email;

/// <summary>
/// Optional DKIM signing of a mailbox's outgoing mail (RFC 6376) with MimeKit's <see cref="DkimSigner"/>: rsa-sha256,
/// relaxed/relaxed canonicalisation, over the headers RFC 6376 5.4.1 recommends that a reply carries. The selector and
/// domain are settings of the mailbox; the private key (PEM) is a secret setting (<see cref="PrivateKeySetting"/>),
/// never listed, logged or shown back.
/// </summary>
public static partial class EmailDkim
{
    /// <summary>The account setting that holds the private key; the <c>secret_</c> prefix keeps it out of every listing.</summary>
    public const string PrivateKeySetting = ChannelAccount.SecretSettingPrefix + "dkim_private_key";

    /// <summary>Longest selector (a DNS label).</summary>
    public const int MaxSelectorLength = 63;

    /// <summary>Longest private key in PEM (a 4096-bit RSA key is about 3.3 KB).</summary>
    public const int MaxPrivateKeyLength = 8192;

    /// <summary>The headers signed when the mail has them (RFC 6376 5.4.1, plus Message-ID and the MIME headers).</summary>
    public static readonly HeaderId[] SignedHeaders =
    [
        HeaderId.From, HeaderId.ReplyTo, HeaderId.Subject, HeaderId.Date, HeaderId.To, HeaderId.Cc, HeaderId.MessageId,
        HeaderId.InReplyTo, HeaderId.References, HeaderId.MimeVersion, HeaderId.ContentType,
    ];

    /// <summary>
    /// The signer for <paramref name="privateKeyPem"/>, or the reason it cannot sign (a key that is not an RSA private
    /// key in PEM, or one shorter than the 1024 bits RFC 8301 requires).
    /// </summary>
    public static (DkimSigner? Signer, string? Problem) SignerOf(string privateKeyPem, string domain, string selector)
    {
        try
        {
            using var pem = new MemoryStream(Encoding.ASCII.GetBytes(privateKeyPem));
            var signer = new DkimSigner(pem, domain, selector, DkimSignatureAlgorithm.RsaSha256)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                AgentOrUserIdentifier = "@" + domain,
            };
            return (signer, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // What BouncyCastle throws for a bad key varies (format, I/O, crypto exceptions); each means the same to the admin.
            return (null, "not an RSA private key in PEM (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)");
        }
    }

    /// <summary>True for a selector made of DNS label characters.</summary>
    public static bool IsSelector(string selector) => selector.Length <= MaxSelectorLength && Selector().IsMatch(selector);

    /// <summary>Signs <paramref name="mail"/> when <paramref name="account"/> has DKIM set up; leaves it as it is otherwise.</summary>
    public static void SignIfSetUp(MimeMessage mail, ChannelAccount account, EmailMailbox mailbox)
    {
        if (mailbox.DkimDomain is not { } domain || mailbox.DkimSelector is not { } selector
            || account.Settings?.GetValueOrDefault(PrivateKeySetting) is not { Length: > 0 } key)
        {
            return;
        }

        var (signer, problem) = SignerOf(key, domain, selector);
        if (signer is null)
        {
            throw new InvalidOperationException($"The mailbox's DKIM key cannot sign: {problem}.");
        }

        // The body must not change after signing: settle its transfer encodings first (MimeKit's advice for DKIM).
        mail.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(mail, SignedHeaders);
    }

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$")]
    private static partial Regex Selector();
}
