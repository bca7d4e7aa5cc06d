using System.Net;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Operators;
using Conversations.Channels.Delivery;
using Conversations.Channels.Media;
using Conversations.Channels.Rendering;
using Conversations.Persistence.Media;
using MimeKit;

namespace Conversations.Channels.Email;

/// <summary>
/// Sends replies over SMTP as proper replies in the customer's thread of the conversation (RFC 5322 3.6.4): our own
/// Message-ID (from our message id, so a retry carries the same one), In-Reply-To the customer's latest mail, References
/// the thread, "Re: ", the thread's subject and the conversation's token (<see cref="EmailThreading.TokenOf"/>), from
/// the mailbox's address under its display name, the text as text/plain with an HTML alternative, signed below the usual "-- " line with the operator's name (on an operator's reply) and the
/// mailbox's signature. Menus become numbered lines. An operator's uploaded image or file is attached (base64, under its
/// stored name, at most <see cref="MaxAttachmentBytes"/>). A header value with CR or LF is refused (header injection);
/// failures are classified by <see cref="EmailSendErrorClassifier"/> (SMTP 5xx: failed for good).
/// </summary>
public sealed class EmailSender(IGrainFactory grains, EmailSendErrorClassifier errors, IMediaStore media) : IChannelSender
{
    /// <summary>
    /// The largest file we attach: 18 MB, which base64 makes about 24.6 MB, under the 25 MB many mail services take
    /// for a whole message (Gmail, Outlook.com).
    /// </summary>
    public const long MaxAttachmentBytes = 18L * 1024 * 1024;

    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Email;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken)
    {
        var credential = account.Credential ?? throw new InvalidOperationException($"{account} has no credential.");
        var mailbox = EmailMailbox.Of(account);
        var threads = grains.GetGrain<IEmailThreadGrain>(IEmailThreadGrain.KeyOf(message.TenantId, message.To.Account, message.To.ChatId));
        var thread = await threads.GetForAsync(message.ConversationId);
        var operatorName = message is { Author: MessageDirection.Operator, OperatorId: { } operatorId }
            ? (await grains.GetGrain<IOperatorGrain>(new OperatorKey(message.TenantId, operatorId).ToGrainKey()).GetAsync())?.DisplayName
            : null;
        EmailAttachment? attachment = null;
        if (StoredUpload.IdOf(message.Content) is { } mediaId)
        {
            var file = await media.FindAsync(message.TenantId, mediaId, cancellationToken);
            var bytes = file is null ? null : await media.ReadAsync(message.TenantId, mediaId, cancellationToken);
            if (file is null || bytes is null)
            {
                return DeliveryResult.Permanent("The file is no longer stored.");
            }

            if (bytes.LongLength > MaxAttachmentBytes)
            {
                return DeliveryResult.Permanent($"The file is {bytes.LongLength / (1024 * 1024)} MB; e-mail attachments are at most {MaxAttachmentBytes / (1024 * 1024)} MB.");
            }

            attachment = new EmailAttachment(StoredFileName.For(file), file.ContentType, bytes);
        }

        MimeMessage mail;
        try
        {
            mail = Compose(mailbox, message, thread, operatorName, attachment);
        }
        catch (ArgumentException ex)
        {
            return DeliveryResult.Permanent($"The mail could not be composed: {ex.Message}");
        }

        EmailDkim.SignIfSetUp(mail, account, mailbox);

        // Recorded before sending (the Message-ID is the same on every attempt), so a failure to record after the
        // server took the mail cannot make the dispatcher send it again.
        await threads.RecordSentForAsync(message.ConversationId, mail.MessageId!);
        try
        {
            using var client = await EmailClients.OpenSmtpAsync(mailbox, credential, cancellationToken);
            var answer = await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return DeliveryResult.Sent($"<{mail.MessageId}> {answer}".Trim());
        }
        catch (Exception ex) when (errors.Classify(ex) is { } failure)
        {
            return failure;
        }
    }

    /// <summary>
    /// The mail <paramref name="message"/> becomes, signed by <paramref name="operatorName"/> when an operator wrote it;
    /// ArgumentException when a header value holds a line break.
    /// </summary>
    internal static MimeMessage Compose(EmailMailbox mailbox, OutboundMessage message, EmailThread? thread, string? operatorName = null,
        EmailAttachment? attachment = null)
    {
        var subject = thread?.Subject is { Length: > 0 } s ? s : "";
        foreach (var (name, value) in new[] { ("to", message.To.ChatId), ("subject", subject), ("from", mailbox.DisplayName) })
        {
            if (EmailHeaders.HasLineBreak(value))
            {
                throw new ArgumentException($"the {name} header value holds a line break, which is refused (header injection).");
            }
        }

        if (!MailboxAddress.TryParse(message.To.ChatId, out var to) || string.IsNullOrEmpty(to.Address))
        {
            throw new ArgumentException("the recipient is not an e-mail address.");
        }

        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(mailbox.DisplayName, mailbox.Address));
        mail.To.Add(new MailboxAddress(null, to.Address));
        // Our token in the subject threads the customer's answer when their mail client drops In-Reply-To and References.
        var token = EmailThreading.TokenOf(message.ConversationId);
        subject = subject.Contains(token, StringComparison.Ordinal) ? subject : $"{subject} {token}".Trim();
        mail.Subject = subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? subject : "Re: " + subject;
        var domain = mailbox.Address[(mailbox.Address.IndexOf('@', StringComparison.Ordinal) + 1)..];
        mail.MessageId = $"{message.MessageId:N}@{domain}";
        if (thread?.LastCustomerMessageId is { } inReplyTo)
        {
            mail.InReplyTo = inReplyTo;
        }

        // A retry finds its own Message-ID recorded already: never a reference to itself.
        foreach (var reference in (thread?.References ?? []).Where(r => r != mail.MessageId))
        {
            mail.References.Add(reference);
        }

        var text = Render(message.Content);
        var signature = string.Join('\n', new[] { operatorName?.Trim(), mailbox.Signature }.Where(s => !string.IsNullOrEmpty(s)));
        var html = "<div>" + Html(text) + "</div>";
        if (signature.Length > 0)
        {
            // "-- " on a line of its own: the signature delimiter mail readers recognise (RFC 3676 4.3).
            text = $"{text}\n\n-- \n{signature}";
            html += "\n<div class=\"signature\">-- <br>\n" + Html(signature) + "</div>";
        }

        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = text },
            new TextPart("html") { Text = "<!DOCTYPE html><html><body>" + html + "</body></html>" },
        };
        mail.Body = attachment is null ? alternative : new Multipart("mixed")
        {
            alternative,
            new MimePart(ContentType.TryParse(attachment.ContentType, out var type) ? type : new ContentType("application", "octet-stream"))
            {
                Content = new MimeContent(new MemoryStream(attachment.Bytes, writable: false)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = attachment.FileName,
            },
        };
        return mail;
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>\n", StringComparison.Ordinal);

    private static string Render(MessageContent content) => content switch
    {
        TextContent text => MenuRenderer.Fit(text, ChannelCatalog.For(ChannelKind.Email)).Text,
        ImageContent image => string.Join('\n', new[] { image.Caption, image.Url }.Where(s => !string.IsNullOrEmpty(s))),
        DocumentContent { FileId.Length: 0 } document => document.Caption ?? "",
        LinkContent link => $"{link.Text ?? link.Title}\n{link.Url}",
        _ => content.ToPlainText(),
    };
}
