using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Testing.Email;

namespace Conversations.Channels.Email.Tests;

/// <summary>
/// Mails pushed through the signed inbound hook go to the conversation of their thread: a new subject opens a new
/// conversation, an answer goes to its own, and reopens it when it closed within the mailbox's days (7 by default),
/// later it opens a new conversation.
/// </summary>
[Collection(EmailCollection.Name)]
public sealed class EmailConversationThreadTests(EmailGatewayFixture email)
{
    [Fact]
    public async Task A_new_subject_from_the_same_sender_opens_a_new_conversation_and_each_answer_lands_in_its_own()
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var order = EmailGatewayFixture.MailFrom(customer, "Order 1042", "Where is my order?");
        await email.PushSignedAsync(order);
        var orderConversation = await CurrentAsync(customer);

        await email.PushSignedAsync(EmailGatewayFixture.MailFrom(customer, "Invoice question", "Can I have an invoice?"));
        var invoiceConversation = await CurrentAsync(customer);
        Assert.NotEqual(orderConversation, invoiceConversation);

        // An answer in the order's thread (its headers), one with only the subject kept, one with only our token.
        var answer = EmailGatewayFixture.MailFrom(customer, "Re: Order 1042", "It came, thanks");
        answer.InReplyTo = order.MessageId;
        await email.PushSignedAsync(answer);
        await email.PushSignedAsync(EmailGatewayFixture.MailFrom(customer, "RE: AW: invoice   question", "For the company, please"));
        await email.PushSignedAsync(EmailGatewayFixture.MailFrom(customer, $"Retyped {EmailThreading.TokenOf(orderConversation)}", "One more thing"));

        Assert.Equal(["Order 1042\n\nWhere is my order?", "It came, thanks", "One more thing"], await CustomerTextsAsync(orderConversation));
        Assert.Equal(["Invoice question\n\nCan I have an invoice?", "For the company, please"], await CustomerTextsAsync(invoiceConversation));
        Assert.Equal(invoiceConversation, await CurrentAsync(customer));
    }

    [Fact]
    public async Task An_answer_in_the_thread_of_a_conversation_closed_within_the_mailboxs_days_reopens_it()
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var first = EmailGatewayFixture.MailFrom(customer, "Refund", "I want a refund");
        await email.PushSignedAsync(first);
        var conversation = await CurrentAsync(customer);
        await email.Conversation(conversation).CloseAsync(null);

        var soon = EmailGatewayFixture.MailFrom(customer, "Re: Refund", "Still waiting");
        soon.InReplyTo = first.MessageId;
        await email.PushSignedAsync(soon); // the shared fake clock is not moved: other tests of the collection run on it

        Assert.NotEqual(ConversationStatus.Closed, (await email.Conversation(conversation).GetViewAsync())!.Status);
        Assert.Equal(conversation, await CurrentAsync(customer));
        Assert.Equal(["Refund\n\nI want a refund", "Still waiting"], await CustomerTextsAsync(conversation));
    }

    [Fact]
    public async Task An_answer_after_the_mailboxs_days_opens_a_new_conversation_which_the_thread_then_follows_and_a_redelivery_is_stored_once()
    {
        // Through the real processor with the mailbox set to reopen within 0 days, so no clock has to move.
        var account = (await email.App.Grains.GetGrain<IChannelAccountGrain>(
            new ChannelAccountKey(ChannelKind.Email, Smtp4devServer.SupportAddress).ToGrainKey()).GetAsync())!;
        account = account with { Settings = new Dictionary<string, string>(account.Settings!) { ["reopen_days"] = "0" } };
        var processor = email.App.Service<EmailInboundProcessor>();
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var first = EmailGatewayFixture.MailFrom(customer, "Warranty", "My kettle broke");
        await processor.ProcessAsync(account, first, CancellationToken.None);
        var conversation = await CurrentAsync(customer);
        await email.Conversation(conversation).CloseAsync(null);

        var late = EmailGatewayFixture.MailFrom(customer, "Re: Warranty", "Any answer?");
        late.InReplyTo = first.MessageId;
        await processor.ProcessAsync(account, late, CancellationToken.None);
        var next = await CurrentAsync(customer);
        await processor.ProcessAsync(account, late, CancellationToken.None); // read again, as after a crash before the position moved
        var after = EmailGatewayFixture.MailFrom(customer, "Re: Warranty", "Hello?");
        after.InReplyTo = late.MessageId;
        await processor.ProcessAsync(account, after, CancellationToken.None);

        Assert.NotEqual(conversation, next);
        Assert.Equal(next, await CurrentAsync(customer));
        Assert.Equal(ConversationStatus.Closed, (await email.Conversation(conversation).GetViewAsync())!.Status);
        Assert.Equal(["Warranty\n\nMy kettle broke"], await CustomerTextsAsync(conversation));
        Assert.Equal(["Any answer?", "Hello?"], await CustomerTextsAsync(next));
    }

    private async Task<Guid> CurrentAsync(string customer) => (await email.CustomerAsync(customer))!.CurrentConversationId!.Value;

    private async Task<string[]> CustomerTextsAsync(Guid conversationId) =>
        [.. (await email.HistoryOfAsync(conversationId)).Where(m => m.Direction == MessageDirection.Customer).Select(m => ((TextContent)m.Content).Text)];
}
