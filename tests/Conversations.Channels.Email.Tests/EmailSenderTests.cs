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
        Assert.Equal("Re: Order 1042", mail.Subject);
        Assert.Equal("c2@customer.test", mail.InReplyTo);
        Assert.Equal(["c1@customer.test", "c2@customer.test"], mail.References);
        Assert.Contains("1. Delivery", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("2. Returns", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Choose:<br>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subject_that_already_says_re_is_not_prefixed_again()
    {
        var mail = EmailSender.Compose(Mailbox, Outbound("anna@customer.test", new TextContent("x")), new EmailThread("RE: Order", null, []));

        Assert.Equal("RE: Order", mail.Subject);
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
