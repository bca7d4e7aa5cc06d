using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;
using Conversations.Testing.Email;
using MailKit;
using MimeKit;

namespace Conversations.Channels.Email.Tests;

/// <summary>Customer mail → IMAP → conversation → bot and operator replies over SMTP, on a real mail server (smtp4dev).</summary>
[Collection(EmailCollection.Name)]
public sealed class EmailEndToEndTests(EmailGatewayFixture email)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_customers_mail_is_answered_handed_over_and_the_operators_reply_and_the_customers_answer_stay_in_one_thread_and_conversation()
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var first = EmailGatewayFixture.MailFrom(customer, "Заказ 1042 не пришёл", "Здравствуйте! Где мой заказ?");
        await email.Mail.SendAsCustomerAsync(first);

        // Read over IMAP into a conversation; flagged \Seen on the server once stored.
        await Eventually.HoldsAsync(async () => (await email.HistoryAsync(customer)).Any(m => m.Direction == MessageDirection.Customer),
            "the customer's mail stored in a conversation", MailWait);
        var stored = Assert.Single(await email.HistoryAsync(customer), m => m.Direction == MessageDirection.Customer);
        Assert.Equal("Заказ 1042 не пришёл\n\nЗдравствуйте! Где мой заказ?", ((TextContent)stored.Content).Text);
        await Eventually.HoldsAsync(async () => (await email.Mail.SupportFlagsAsync())[first.MessageId!].HasFlag(MessageFlags.Seen),
            "the mail flagged \\Seen after it was stored", MailWait);

        // The bot's answer arrives in the customer's mailbox as a reply in the thread.
        await email.MailArrivesAsync(customer, _ => true, "the bot's reply in the customer's mailbox");
        var botReply = (await email.CustomerInboxAsync(customer))[0];
        var conversationId = (await email.CustomerAsync(customer))!.CurrentConversationId!.Value;
        var subject = $"Re: Заказ 1042 не пришёл {EmailThreading.TokenOf(conversationId)}";
        Assert.Equal(subject, botReply.Subject);
        Assert.Equal(first.MessageId, botReply.InReplyTo);
        Assert.Contains(first.MessageId, botReply.References);
        Assert.Equal(Smtp4devServer.SupportAddress, botReply.From.Mailboxes.Single().Address);
        Assert.Equal("Shop support", botReply.From.Mailboxes.Single().Name);
        Assert.EndsWith("@shop.test", botReply.MessageId, StringComparison.Ordinal);
        // The bot answers a mail once: the acknowledgement, and the conversation waits for an operator.
        Assert.StartsWith(TenantTexts.Defaults[TenantTexts.EmailAcknowledgement], botReply.TextBody, StringComparison.Ordinal);
        Assert.Equal(ConversationStatus.WaitingForOperator, (await email.Conversation(conversationId).GetViewAsync())!.Status);
        Assert.NotNull(botReply.HtmlBody);

        // The customer replies in the thread asking for a person: the same conversation.
        var askForHuman = EmailGatewayFixture.MailFrom(customer, subject, "Оператор, пожалуйста\n\n> quoted bot text");
        askForHuman.InReplyTo = botReply.MessageId;
        askForHuman.References.Add(first.MessageId!);
        askForHuman.References.Add(botReply.MessageId!);
        await email.Mail.SendAsCustomerAsync(askForHuman);
        await Eventually.HoldsAsync(async () => (await email.HistoryAsync(customer)).Count(m => m.Direction == MessageDirection.Customer) == 2,
            "the customer's second mail stored", MailWait);
        Assert.Equal(conversationId, (await email.CustomerAsync(customer))!.CurrentConversationId);
        Assert.Equal("Оператор, пожалуйста", ((TextContent)(await email.HistoryAsync(customer)).Last(m => m.Direction == MessageDirection.Customer).Content).Text);

        // The operator takes the chat and replies from the console's API.
        using var operatorSession = await ApiSession.SignInAsync(email.App.CreateClient(), "shop", "admin", "admin-password");
        (await operatorSession.PostAsync($"/api/v1/conversations/{conversationId}/take")).EnsureSuccessStatusCode();
        (await operatorSession.PostAsync($"/api/v1/conversations/{conversationId}/messages", new { text = "Добрый день! Заказ передан курьеру сегодня." }))
            .EnsureSuccessStatusCode();
        // The catalogue paces mail to one recipient (a burst of 3, then one every 10 s): the fake clock moves the pacing on.
        await email.MailArrivesAsync(customer, m => m.TextBody?.Contains("передан курьеру", StringComparison.Ordinal) == true,
            "the operator's reply in the customer's mailbox");
        var operatorReply = (await email.CustomerInboxAsync(customer)).Single(m => m.TextBody?.Contains("передан курьеру", StringComparison.Ordinal) == true);
        Assert.Equal(subject, operatorReply.Subject);
        Assert.Equal(askForHuman.MessageId, operatorReply.InReplyTo);
        // The thread from the first mail on; after the customer's latest, only our own notices sent since (handoff, operator joined).
        Assert.Equal(new[] { first.MessageId!, botReply.MessageId!, askForHuman.MessageId! }, operatorReply.References.Take(3).ToArray());
        Assert.All(operatorReply.References.Skip(3), r => Assert.EndsWith("@shop.test", r, StringComparison.Ordinal));
        Assert.DoesNotContain(operatorReply.MessageId, operatorReply.References);
        Assert.Contains("передан курьеру", operatorReply.HtmlBody, StringComparison.Ordinal);
        var operatorName = (await operatorSession.GetAsync("/api/v1/operators")).EnumerateArray()
            .Single(o => o.GetProperty("operatorId").GetGuid() == operatorSession.OperatorId).GetProperty("displayName").GetString();
        Assert.EndsWith($"\n-- \n{operatorName}\nShop support team\nhttps://shop.test/help", operatorReply.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'), StringComparison.Ordinal);

        // A file the operator uploads reaches the customer's mailbox as an attachment with the same bytes.
        var pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n"u8.ToArray().Concat(Enumerable.Range(0, 5000).Select(i => (byte)(i * 31))).ToArray();
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "invoice-1042.pdf" } })
        {
            var upload = await (await operatorSession.Http.PostAsync("/api/v1/media", form)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            (await operatorSession.PostAsync($"/api/v1/conversations/{conversationId}/messages",
                new { mediaId = upload.GetProperty("mediaId").GetGuid(), caption = "Счёт во вложении." })).EnsureSuccessStatusCode();
        }

        await email.MailArrivesAsync(customer, m => m.Attachments.Any(), "the operator's file in the customer's mailbox");
        var withFile = (await email.CustomerInboxAsync(customer)).Single(m => m.Attachments.Any());
        var attached = Assert.IsType<MimeKit.MimePart>(Assert.Single(withFile.Attachments));
        Assert.Equal("invoice-1042.pdf", attached.FileName);
        using (var decoded = new MemoryStream())
        {
            attached.Content!.DecodeTo(decoded);
            Assert.Equal(pdf, decoded.ToArray());
        }

        Assert.StartsWith("Счёт во вложении.", withFile.TextBody, StringComparison.Ordinal);

        // The customer's answer to the operator lands in the same conversation.
        var thanks = EmailGatewayFixture.MailFrom(customer, subject, "Спасибо!");
        thanks.InReplyTo = operatorReply.MessageId;
        foreach (var reference in operatorReply.References.Append(operatorReply.MessageId!))
        {
            thanks.References.Add(reference);
        }

        await email.Mail.SendAsCustomerAsync(thanks);
        await Eventually.HoldsAsync(async () => (await email.HistoryAsync(customer)).Any(m => m.Content is TextContent { Text: "Спасибо!" }),
            "the customer's answer stored", MailWait);
        Assert.Equal(conversationId, (await email.CustomerAsync(customer))!.CurrentConversationId);
    }
}
