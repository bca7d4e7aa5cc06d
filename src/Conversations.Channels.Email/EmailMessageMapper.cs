using System.Security.Cryptography;
using System.Text;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Webhooks;
using MimeKit;

namespace Conversations.Channels.Email;

/// <summary>
/// Maps a mail (MimeKit) to an inbound message of the mailbox's account: the sender's address is the customer's
/// identity, the text is the new part of the mail (<see cref="EmailText"/>; the subject heads it when the mail starts a
/// thread, <see cref="WithSubject"/>), the dedup key is the Message-ID (a hash of
/// the whole mail when it has none), so the same mail read twice, over IMAP or the inbound hook, is stored once. Mail
/// that must never be answered is not stored: auto-replies (RFC 3834 Auto-Submitted, X-Autoreply, out-of-office
/// subjects), bulk and list mail (Precedence, List-Id), and delivery reports (mailer-daemon, multipart/report), whose
/// failed recipients are returned so they can be marked unreachable. The sender's address is a verified fact (linking
/// the customer across channels) only as <see cref="EmailSenderVerification"/> allows.
/// </summary>
public sealed class EmailMessageMapper
{
    /// <summary>Longest text kept from one mail.</summary>
    public const int MaxTextLength = 100_000;

    /// <summary>Longest Message-ID kept as it is (RFC 5322 allows 998-character lines; real ones are under 100).</summary>
    public const int MaxIdLength = 250;

    /// <summary>Longest subject kept for replies.</summary>
    public const int MaxSubjectLength = 500;

    /// <summary>Most attachments and inline images of one mail kept as files (the rest are named in its text).</summary>
    public const int MaxFiles = 20;

    /// <summary>Longest sender name kept.</summary>
    public const int MaxNameLength = 100;

    static EmailMessageMapper()
    {
        // windows-1251, koi8-r and the other legacy code pages are not in .NET by default.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Maps <paramref name="mail"/> received by <paramref name="account"/>.</summary>
    public EmailInbound Map(MimeMessage mail, ChannelAccount account)
    {
        var from = mail.From.Mailboxes.FirstOrDefault();
        if (from is null || string.IsNullOrWhiteSpace(from.Address) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            return Ignored("the mail has no sender address");
        }

        var sender = from.Address.Trim().ToLowerInvariant();
        if (IsDeliveryReport(mail, sender) is { } bounced)
        {
            return new EmailInbound(null, null, "a delivery report (bounce)", bounced, []);
        }

        if (AutomaticReason(mail) is { } reason)
        {
            return Ignored(reason);
        }

        if (sender == account.Key.Account)
        {
            return Ignored("the mail is from the mailbox itself");
        }

        var subject = (mail.Subject ?? "").Trim().ReplaceLineEndings(" ");
        var body = mail.TextBody is { Length: > 0 } plain ? plain : mail.HtmlBody is { Length: > 0 } html ? EmailText.FromHtml(html) : "";
        var text = EmailText.StripQuotesAndSignature(body);
        // Attachments and inline images become messages of their own (EmailFileIntake); past the cap they are named only.
        var files = Files(mail);
        if (files.Count > MaxFiles)
        {
            text = $"{text}\n\n📎 {string.Join(", ", files.Skip(MaxFiles).Select(f => f.FileName ?? f.ContentType.MimeType))}".Trim();
            files = files[..MaxFiles];
        }

        if (text.Length > MaxTextLength)
        {
            text = text[..MaxTextLength];
        }

        var replyTo = mail.ReplyTo.Mailboxes.FirstOrDefault()?.Address is { Length: > 0 } r && !EmailHeaders.HasLineBreak(r) ? r.Trim() : sender;
        var references = mail.References.ToList();
        if (mail.InReplyTo is { Length: > 0 } inReplyTo && !references.Contains(inReplyTo))
        {
            references.Add(inReplyTo);
        }

        // Ids go into unique indexes: a hostile mail's kilobyte-long Message-ID is kept by its hash instead.
        var messageId = mail.MessageId is { Length: > 0 and <= MaxIdLength } id && !EmailHeaders.HasLineBreak(id) ? id : null;
        references = [.. references.Where(r => r.Length <= MaxIdLength && !EmailHeaders.HasLineBreak(r)).TakeLast(EmailThreadGrain.MaxReferences)];
        var eventId = messageId ?? "sha256:" + (mail.MessageId is { Length: > 0 } longId ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(longId))) : Hash(mail));
        var identity = new ChannelIdentityKey(account.TenantId, ChannelKind.Email, account.Key.Account, sender);
        var message = new InboundMessage(
            identity,
            new ChannelAddress(ChannelKind.Email, account.Key.Account, replyTo),
            InboundDedupKey.For(ChannelKind.Email, account.Key.Account, eventId),
            messageId,
            text.Length == 0 ? new UnsupportedContent("email-empty") : new TextContent(text),
            mail.Date == DateTimeOffset.MinValue ? DateTimeOffset.UnixEpoch : mail.Date,
            new SenderProfile(string.IsNullOrWhiteSpace(from.Name) ? null : Cut(from.Name.Trim(), MaxNameLength)),
            EmailSenderVerification.IsVerified(mail, sender, account.Settings?.GetValueOrDefault("trusted_authserv_id"), account.Settings?.GetValueOrDefault("vouch_for_senders") == "true")
                ? new VerifiedFacts(Email: sender)
                : null);
        return new EmailInbound(message, new EmailThreadEntry(Cut(subject, MaxSubjectLength), messageId, references), null, [], files);
    }

    /// <summary>
    /// <paramref name="message"/> headed by <paramref name="subject"/>: what the first mail of a thread shows operators
    /// (the answers in a thread go without it, their subject is the thread's).
    /// </summary>
    public static InboundMessage WithSubject(InboundMessage message, string subject)
    {
        if (subject.Length == 0)
        {
            return message;
        }

        var text = message.Content is TextContent { Text: var body } ? $"{subject}\n\n{body}" : subject;
        return message with { Content = new TextContent(text.Length > MaxTextLength ? text[..MaxTextLength] : text) };
    }

    private static EmailInbound Ignored(string reason) => new(null, null, reason, [], []);

    /// <summary>The attachments and inline images (an image part in a multipart/related) of <paramref name="mail"/>.</summary>
    private static List<MimePart> Files(MimeMessage mail)
    {
        return [.. mail.BodyParts.OfType<MimePart>().Where(p => p.IsAttachment
            || (p is not TextPart && p.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase)))];
    }

    internal static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    /// <summary>Why <paramref name="mail"/> was sent by a machine and must not be answered, or null.</summary>
    private static string? AutomaticReason(MimeMessage mail)
    {
        var headers = mail.Headers;
        // RFC 3834 5: any value other than "no" marks an automatic message.
        if (headers["Auto-Submitted"] is { } autoSubmitted && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return $"Auto-Submitted: {autoSubmitted.Trim()}";
        }

        if (headers["Precedence"]?.Trim().ToLowerInvariant() is "bulk" or "list" or "junk" or "auto_reply")
        {
            return $"Precedence: {headers["Precedence"]!.Trim()}";
        }

        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("X-Autoresponder"))
        {
            return "an auto-responder's header";
        }

        if (headers.Contains("List-Id") || headers.Contains("List-Unsubscribe"))
        {
            return "a mailing-list mail";
        }

        var subject = mail.Subject ?? "";
        if (OutOfOffice.Any(s => subject.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return "an out-of-office reply";
        }

        return null;
    }

    private static readonly string[] OutOfOffice = ["Out of Office", "Automatic reply", "Auto:", "Autoreply", "Auto-reply", "Автоответ", "Автоматический ответ", "Нет на месте"];

    /// <summary>The failed recipients when <paramref name="mail"/> is a delivery report, else null.</summary>
    private static List<string>? IsDeliveryReport(MimeMessage mail, string sender)
    {
        var local = sender[..sender.IndexOf('@', StringComparison.Ordinal)];
        var report = mail.Body is MultipartReport { ReportType: var type } && string.Equals(type, "delivery-status", StringComparison.OrdinalIgnoreCase);
        if (!report && local is not ("mailer-daemon" or "postmaster"))
        {
            return null;
        }

        var failed = new List<string>();
        foreach (var part in mail.BodyParts.OfType<MessageDeliveryStatus>())
        {
            foreach (var group in part.StatusGroups.Skip(1)) // the first group is per-message, the rest per-recipient (RFC 3464 2.1)
            {
                var action = group["Action"]?.Trim();
                if (group["Final-Recipient"] is { } recipient && string.Equals(action, "failed", StringComparison.OrdinalIgnoreCase))
                {
                    var address = recipient[(recipient.IndexOf(';', StringComparison.Ordinal) + 1)..].Trim().ToLowerInvariant();
                    if (address.Contains('@', StringComparison.Ordinal))
                    {
                        failed.Add(address);
                    }
                }
            }
        }

        return failed;
    }

    private static string Hash(MimeMessage mail)
    {
        using var stream = new MemoryStream();
        mail.WriteTo(stream);
        return Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()));
    }
}
