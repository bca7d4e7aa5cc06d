using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using MailKit.Net.Smtp;

namespace Conversations.Channels.Email.Tests;

public sealed class EmailSenderTests
{
    private static readonly EmailMailbox Mailbox = new("support@shop.test", "Shop support", new EmailServer("imap.shop.test", 993, EmailTlsMode.SslOnConnect),
        new EmailServer("smtp.shop.test", 587, EmailTlsMode.StartTls), "support", EmailCredentialKind.Password, "INBOX");

    [Theory]
    [InlineData("anna@customer.test\r\nBcc: victim@example.com", "Order")]
    [InlineData("anna@customer.test", "Order\r\nBcc: victim@example.com")]
    [InlineData("anna@customer.test", "Order\nX-Injected: 1")]
    public void A_line_break_in_a_header_value_is_refused(string to, string subject)
    {
        var message = Outbound(to, new TextContent("Hello"));

        Assert.Throws<ArgumentException>(() => EmailSender.Compose(Mailbox, message, new EmailThread(subject, null, [])));
    }

    [Fact]
    public void A_reply_carries_our_message_id_the_thread_and_a_menu_as_numbered_lines()
    {
        var message = Outbound("anna@customer.test", new TextContent("Choose:", [new Button("Delivery", "d"), new Button("Returns", "r")]));

        var mail = EmailSender.Compose(Mailbox, message, new EmailThread("Order 1042", "c2@customer.test", ["c1@customer.test", "c2@customer.test"]));

        Assert.Equal($"{message.MessageId:N}@shop.test", mail.MessageId);
        Assert.Equal($"Re: Order 1042 {EmailThreading.TokenOf(message.ConversationId)}", mail.Subject);
        Assert.Equal("c2@customer.test", mail.InReplyTo);
        Assert.Equal(["c1@customer.test", "c2@customer.test"], mail.References);
        Assert.Contains("1. Delivery", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("2. Returns", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Choose:<br>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operators_uploaded_file_is_attached_under_its_name_with_its_bytes_and_the_caption_is_the_text()
    {
        var bytes = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n"u8.ToArray().Concat(Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))).ToArray();
        var content = new DocumentContent("", "invoice.pdf", "application/pdf", "Your invoice",
            MediaAttachment.Stored(Guid.NewGuid(), "application/pdf", bytes.Length));
        var message = Outbound("anna@customer.test", content);

        var mail = EmailSender.Compose(Mailbox, message, new EmailThread("Invoice", null, []), null,
            new EmailAttachment("invoice.pdf", "application/pdf", bytes));

        var attachment = Assert.IsType<MimeKit.MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("invoice.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        Assert.Equal(MimeKit.ContentEncoding.Base64, attachment.ContentTransferEncoding);
        using var decoded = new MemoryStream();
        attachment.Content!.DecodeTo(decoded);
        Assert.Equal(bytes, decoded.ToArray());
        Assert.Equal("Your invoice", mail.TextBody!.Trim());
        Assert.Contains("Your invoice", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("multipart/mixed", mail.Body!.ContentType.MimeType);
    }

    [Fact]
    public void A_subject_that_already_says_re_is_not_prefixed_again_and_carries_the_token_once()
    {
        var message = Outbound("anna@customer.test", new TextContent("x"));
        var token = EmailThreading.TokenOf(message.ConversationId);

        Assert.Equal($"RE: Order {token}", EmailSender.Compose(Mailbox, message, new EmailThread("RE: Order", null, [])).Subject);
        Assert.Equal($"Re: Order {token}", EmailSender.Compose(Mailbox, message, new EmailThread($"Re: Order {token}", null, [])).Subject);
    }

    [Fact]
    public void An_operators_reply_is_signed_with_their_name_and_the_mailboxs_signature_below_the_delimiter_in_both_parts()
    {
        var mailbox = Mailbox with { Signature = "Shop & Co support\n+1 555 0100" };
        var message = Outbound("anna@customer.test", new TextContent("Your refund is on its way.")) with { Author = MessageDirection.Operator, OperatorId = Guid.NewGuid() };

        var mail = EmailSender.Compose(mailbox, message, null, "Maria <Lead>");

        Assert.Equal("Your refund is on its way.\n\n-- \nMaria <Lead>\nShop & Co support\n+1 555 0100", mail.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Contains("<div class=\"signature\">-- <br>\nMaria &lt;Lead&gt;<br>\nShop &amp; Co support<br>\n+1 555 0100</div>", mail.HtmlBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_bots_reply_carries_the_mailboxs_signature_alone_and_without_one_no_delimiter_at_all()
    {
        var bot = Outbound("anna@customer.test", new TextContent("Thanks, we got your mail."));

        var signed = EmailSender.Compose(Mailbox with { Signature = "Shop support" }, bot, null);
        var plain = EmailSender.Compose(Mailbox, bot, null);

        Assert.EndsWith("\n-- \nShop support", signed.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'), StringComparison.Ordinal);
        Assert.Equal("Thanks, we got your mail.", plain.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.DoesNotContain("signature", plain.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(550, DeliveryOutcome.Permanent)]
    [InlineData(552, DeliveryOutcome.Permanent)]
    [InlineData(451, DeliveryOutcome.Transient)]
    [InlineData(421, DeliveryOutcome.Transient)]
    public void Smtp_reply_codes_are_classified_by_their_class(int code, DeliveryOutcome outcome)
    {
        var error = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, (SmtpStatusCode)code, "refused");

        Assert.Equal(outcome, new EmailSendErrorClassifier().Classify(error)!.Outcome);
    }

    private static OutboundMessage Outbound(string to, MessageContent content) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new ChannelAddress(ChannelKind.Email, "support@shop.test", to), content, 1, false);
}
