using System.Net;
using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Contracts.Messages;
using Conversations.Api.Contracts.Operators;
using Conversations.Testing;

namespace Conversations.Client.Tests;

[Collection(HostCollection.Name)]
public sealed class ConversationsClientTests(HostFixture host)
{
    [Fact]
    public async Task An_operator_logs_in_finds_the_waiting_customer_takes_replies_and_releases()
    {
        using var client = await host.SignInAsync();
        var me = await client.GetMeAsync();
        Assert.Equal("demo", me.Username);
        Assert.Equal(OperatorRole.Admin, me.Role);

        var conversation = await host.WaitingConversationAsync();
        await Eventually.HoldsAsync(async () => (await client.GetInboxAsync(InboxFilter.Waiting)).Items
            .Any(i => i.ConversationId == conversation && i.Flagged), "the conversation is flagged in the inbox");
        Assert.Contains(await client.GetQueueAsync(), q => q.ConversationId == conversation);

        var taken = await client.TakeAsync(conversation);
        Assert.Equal(ConversationStatus.LiveChat, taken.Status);
        Assert.Equal(me.OperatorId, taken.AssignedOperatorId);
        Assert.True(taken.AutoReleaseSecondsLeft > 0);

        var sent = await client.SendTextAsync(conversation, "Здравствуйте! Чем помочь?");
        var reply = Assert.Single(sent);
        Assert.Equal(MessageDirection.Operator, reply.Direction);
        Assert.Equal("Здравствуйте! Чем помочь?", Assert.IsType<TextContent>(reply.Content).Text);

        var history = await client.GetMessagesAsync(conversation);
        Assert.Equal(["оператор", "Здравствуйте! Чем помочь?"], history.Select(m => m.Content.ToPlainText()));
        Assert.Equal(history.Select(m => m.Seq).Order(), history.Select(m => m.Seq));

        var released = await client.ReleaseAsync(conversation);
        Assert.Equal(ConversationStatus.Bot, released.Status);
        Assert.Null(released.AssignedOperatorId);
    }

    [Fact]
    public async Task Taking_a_chat_a_colleague_has_is_a_conflict_that_names_them()
    {
        var conversation = await host.WaitingConversationAsync();
        using var olga = await host.SignInAsync(HostFixture.Colleague, HostFixture.ColleaguePassword);
        await olga.TakeAsync(conversation);

        using var client = await host.SignInAsync();
        var refused = await Assert.ThrowsAsync<ConversationsApiException>(() => client.TakeAsync(conversation));

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("Conflict", refused.Title);
        Assert.Equal("Olga has already taken this chat.", refused.Detail);
    }

    [Fact]
    public async Task An_unknown_conversation_is_not_found()
    {
        using var client = await host.SignInAsync();

        var refused = await Assert.ThrowsAsync<ConversationsApiException>(() => client.GetConversationAsync(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal("No such conversation.", refused.Detail);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_a_token()
    {
        using var client = new ConversationsClient(host.NewHttpClient());

        var refused = await Assert.ThrowsAsync<ConversationsApiException>(() => client.LoginAsync("demo", "demo", "wrong-password"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("The tenant, username or password is wrong.", refused.Detail);
        Assert.Null(client.AccessToken);
    }

    [Fact]
    public async Task A_canned_reply_is_sent_by_shortcut_and_counted()
    {
        using var client = await host.SignInAsync();
        var shortcut = "hours-" + Guid.NewGuid().ToString("N")[..6];
        var saved = await client.CreateCannedReplyAsync(shortcut, "Opening hours",
            [new TextContent("We are open 9–18."), new LinkContent("https://example.com/hours", "All hours")]);
        var conversation = await host.WaitingConversationAsync();
        await client.TakeAsync(conversation);

        var sent = await client.SendCannedAsync(conversation, shortcut);

        Assert.Equal(["We are open 9–18.", "All hours"], sent.Select(m => m.Content.ToPlainText()));
        Assert.IsType<LinkContent>(sent[1].Content);
        var replies = await client.GetCannedRepliesAsync();
        Assert.Equal(1, Assert.Single(replies, r => r.Id == saved.Id).UsageCount);
    }

    [Fact]
    public async Task History_with_bot_and_events_reads_every_kind_of_message()
    {
        using var client = await host.SignInAsync();
        var conversation = await host.WaitingConversationAsync();

        var everything = await client.GetMessagesAsync(conversation, includeBot: true, includeEvents: true);

        Assert.Contains(everything, m => m.Content is EventContent { Event: ConversationEventKind.OperatorRequested });
        Assert.Contains(everything, m => m.Direction == MessageDirection.Bot && m.Content is TextContent);
        Assert.Equal(Enumerable.Range(1, everything.Count).Select(i => (long)i), everything.Select(m => m.Seq));
    }

    [Fact]
    public async Task Customers_and_their_messages_are_found()
    {
        using var client = await host.SignInAsync();
        using var visitor = await host.NewVisitorAsync();
        var word = "zebra" + Guid.NewGuid().ToString("N")[..6];
        var conversation = await visitor.WriteAsync($"Where is my {word}?");
        var customerId = (await client.GetConversationAsync(conversation)).Summary.CustomerId;

        await Eventually.HoldsAsync(async () => (await client.SearchMessagesAsync(word)).Any(r => r.Message.ConversationId == conversation),
            "the message is indexed");
        var found = await client.SearchMessagesAsync(word, customerId);
        Assert.Equal(customerId, Assert.Single(found).CustomerId);

        var customer = await client.GetCustomerAsync(customerId);
        Assert.Contains(customer.Conversations, c => c.ConversationId == conversation);
    }
}
