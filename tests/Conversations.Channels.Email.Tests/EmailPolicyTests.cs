using Conversations.Abstractions.Messages;
using Conversations.Testing;
using MimeKit;

namespace Conversations.Channels.Email.Tests;

/// <summary>Mail sent by machines is never answered: auto-replies, bulk mail and bounces (which mark the address unreachable).</summary>
[Collection(EmailCollection.Name)]
public sealed class EmailPolicyTests(EmailGatewayFixture email)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Auto_replies_bulk_mail_and_out_of_office_replies_are_never_stored_nor_answered()
    {
        var autoReplied = EmailGatewayFixture.NewCustomerAddress();
        var bulk = EmailGatewayFixture.NewCustomerAddress();
        var outOfOffice = EmailGatewayFixture.NewCustomerAddress();
        var person = EmailGatewayFixture.NewCustomerAddress();

        var auto = EmailGatewayFixture.MailFrom(autoReplied, "Re: your question", "I am an auto-responder.");
        auto.Headers.Add("Auto-Submitted", "auto-replied"); // RFC 3834 5.1
        var list = EmailGatewayFixture.MailFrom(bulk, "Weekly news", "News.");
        list.Headers.Add("Precedence", "bulk");
        var away = EmailGatewayFixture.MailFrom(outOfOffice, "Automatic reply: Заказ", "I am away until Monday.");
        foreach (var mail in new[] { auto, list, away })
        {
            await email.Mail.SendAsCustomerAsync(mail);
        }

        // A person's mail sent after them: once it is stored, the three before it were read (UID order).
        await email.Mail.SendAsCustomerAsync(EmailGatewayFixture.MailFrom(person, "Question", "Hello"));
        await Eventually.HoldsAsync(async () => (await email.HistoryAsync(person)).Any(m => m.Direction == MessageDirection.Customer),
            "the person's mail stored", MailWait);

        foreach (var machine in new[] { autoReplied, bulk, outOfOffice })
        {
            Assert.Null(await email.CustomerAsync(machine));
            Assert.Empty(await email.CustomerInboxAsync(machine));
        }

        Assert.True((await email.Mail.SupportFlagsAsync())[auto.MessageId!].HasFlag(MailKit.MessageFlags.Seen), "read and acknowledged all the same");
    }

    [Fact]
    public async Task A_delivery_report_is_not_answered_and_marks_the_failed_recipient_unreachable()
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        await email.Mail.SendAsCustomerAsync(EmailGatewayFixture.MailFrom(customer, "Hi", "Hello"));
        await Eventually.HoldsAsync(async () => await email.CustomerAsync(customer) is not null, "the customer's first mail stored", MailWait);

        var report = new MimeMessage();
        report.From.Add(new MailboxAddress("Mail Delivery System", "mailer-daemon@customer.test"));
        report.To.Add(MailboxAddress.Parse(Testing.Email.Smtp4devServer.SupportAddress));
        report.Subject = "Undelivered Mail Returned to Sender";
        report.MessageId = $"{Guid.NewGuid():N}@customer.test";
        // RFC 3464: multipart/report; report-type=delivery-status, a human part and a message/delivery-status part.
        var status = new MessageDeliveryStatus();
        var perMessage = new HeaderList { { "Reporting-MTA", "dns; mx.customer.test" } };
        var perRecipient = new HeaderList { { "Final-Recipient", "rfc822; " + customer }, { "Action", "failed" }, { "Status", "5.1.1" } };
        status.StatusGroups.Add(perMessage);
        status.StatusGroups.Add(perRecipient);
        report.Body = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "The mail could not be delivered." }, status };
        await email.Mail.SendAsCustomerAsync(report);

        await Eventually.HoldsAsync(async () => (await email.CustomerAsync(customer))!.Identities.Single().Unreachable,
            "the bounced address marked unreachable", MailWait);
        Assert.Null(await email.CustomerAsync("mailer-daemon@customer.test"));
    }
}
