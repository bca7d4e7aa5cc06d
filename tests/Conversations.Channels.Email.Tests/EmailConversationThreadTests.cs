using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Email.Tests;

/// <summary>
/// Mails pushed through the signed inbound hook go to the conversation of their thread: a new subject opens a new
/// conversation, an answer goes to its own, and reopens it when it closed within the mailbox's days (7 by default).
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
    public async Task An_answer_after_closing_reopens_the_conversation_within_seven_days_and_opens_a_new_one_later()
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var first = EmailGatewayFixture.MailFrom(customer, "Refund", "I want a refund");
        await email.PushSignedAsync(first);
        var conversation = await CurrentAsync(customer);
        await email.Conversation(conversation).CloseAsync(null);

        email.Clock.Advance(TimeSpan.FromDays(6));
        var soon = EmailGatewayFixture.MailFrom(customer, "Re: Refund", "Still waiting");
        soon.InReplyTo = first.MessageId;
        await email.PushSignedAsync(soon);

        Assert.NotEqual(ConversationStatus.Closed, (await email.Conversation(conversation).GetViewAsync())!.Status);
        Assert.Equal(conversation, await CurrentAsync(customer));
        Assert.Equal(["Refund\n\nI want a refund", "Still waiting"], await CustomerTextsAsync(conversation));

        await email.Conversation(conversation).CloseAsync(null);
        email.Clock.Advance(TimeSpan.FromDays(8));
        var late = EmailGatewayFixture.MailFrom(customer, "Re: Refund", "Hello again");
        late.InReplyTo = soon.MessageId;
        await email.PushSignedAsync(late);

        var next = await CurrentAsync(customer);
        Assert.NotEqual(conversation, next);
        Assert.Equal(ConversationStatus.Closed, (await email.Conversation(conversation).GetViewAsync())!.Status);
        Assert.Equal(["Hello again"], await CustomerTextsAsync(next));

        // The thread now belongs to the new conversation: the next answer in it goes there, not to the closed one.
        var after = EmailGatewayFixture.MailFrom(customer, "Re: Refund", "Any news?");
        after.InReplyTo = late.MessageId;
        await email.PushSignedAsync(after);
        Assert.Equal(["Hello again", "Any news?"], await CustomerTextsAsync(next));
    }

    [Fact]
    public async Task The_same_mail_pushed_again_after_its_thread_moved_is_not_stored_again()
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var first = EmailGatewayFixture.MailFrom(customer, "Warranty", "My kettle broke");
        await email.PushSignedAsync(first);
        var conversation = await CurrentAsync(customer);
        await email.Conversation(conversation).CloseAsync(null);
        email.Clock.Advance(TimeSpan.FromDays(8));

        var late = EmailGatewayFixture.MailFrom(customer, "Re: Warranty", "Any answer?");
        late.InReplyTo = first.MessageId;
        await email.PushSignedAsync(late);
        var next = await CurrentAsync(customer);
        await email.PushSignedAsync(late); // a redelivery, as after a crash before the position moved

        Assert.Equal(next, await CurrentAsync(customer));
        Assert.Equal(["Any answer?"], await CustomerTextsAsync(next));
    }

    private async Task<Guid> CurrentAsync(string customer) => (await email.CustomerAsync(customer))!.CurrentConversationId!.Value;

    private async Task<string[]> CustomerTextsAsync(Guid conversationId) =>
        [.. (await email.HistoryOfAsync(conversationId)).Where(m => m.Direction == MessageDirection.Customer).Select(m => ((TextContent)m.Content).Text)];
}
