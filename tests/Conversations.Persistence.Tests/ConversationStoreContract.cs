using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Conversations;
using Conversations.Persistence.Conversations;

namespace Conversations.Persistence.Tests;

/// <summary>The rules every conversation store keeps, run against PostgreSQL and against memory.</summary>
public abstract class ConversationStoreContract
{
    protected abstract IConversationStore Store { get; }

    [Fact]
    public async Task Appended_messages_read_back_in_order_with_gap_free_sequence_numbers()
    {
        var conversation = new CommitBuilder(Guid.NewGuid());
        await Store.CommitAsync(conversation.Customer("hello"));
        await Store.CommitAsync(conversation.Next(
            (MessageDirection.Bot, "Hi! How can I help?", null),
            (MessageDirection.Bot, "Choose an option", null)));
        await Store.CommitAsync(conversation.Customer("where is my order?"));

        var history = await Store.ReadMessagesAsync(conversation.TenantId, conversation.ConversationId, new HistoryQuery());

        Assert.Equal([1L, 2, 3, 4], history.Select(m => m.Seq));
        Assert.Equal(["hello", "Hi! How can I help?", "Choose an option", "where is my order?"],
            history.Select(m => ((TextContent)m.Content).Text));
    }

    [Fact]
    public async Task A_stored_dedup_key_is_rejected_and_nothing_of_that_commit_is_written()
    {
        var conversation = new CommitBuilder(Guid.NewGuid());
        await Store.CommitAsync(conversation.Customer("first", dedupKey: "tg:1:100"));

        var again = conversation.Customer("first, redelivered", dedupKey: "tg:1:100");
        var error = await Assert.ThrowsAsync<DuplicateMessageException>(() => Store.CommitAsync(again));
        conversation.Rollback(again);

        Assert.Equal("tg:1:100", error.DedupKey);
        var history = await Store.ReadMessagesAsync(conversation.TenantId, conversation.ConversationId, new HistoryQuery());
        Assert.Single(history);
        var loaded = await Store.LoadAsync(conversation.TenantId, conversation.ConversationId);
        Assert.Equal(1, loaded!.Conversation.Version);
        Assert.Equal(1, loaded.Conversation.LastSeq);
    }

    [Fact]
    public async Task The_same_dedup_key_in_two_tenants_is_two_messages()
    {
        var first = new CommitBuilder(Guid.NewGuid());
        var second = new CommitBuilder(Guid.NewGuid());

        await Store.CommitAsync(first.Customer("tenant one", dedupKey: "tg:42:7"));
        await Store.CommitAsync(second.Customer("tenant two", dedupKey: "tg:42:7"));

        var inFirst = await Store.FindByDedupKeyAsync(first.TenantId, "tg:42:7");
        var inSecond = await Store.FindByDedupKeyAsync(second.TenantId, "tg:42:7");
        Assert.Equal(first.ConversationId, inFirst!.ConversationId);
        Assert.Equal(second.ConversationId, inSecond!.ConversationId);
    }

    [Fact]
    public async Task A_commit_from_a_stale_version_is_a_conflict_and_writes_nothing()
    {
        var conversation = new CommitBuilder(Guid.NewGuid());
        await Store.CommitAsync(conversation.Customer("one"));
        await Store.CommitAsync(conversation.Customer("two"));

        // A second activation that still believes version 1 is current.
        var stale = new CommitBuilder(conversation.TenantId, conversation.ConversationId);
        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync(stale.Customer("from the past")));
        var staleUpdate = ConversationCommit.Of(conversation.Next().Conversation with { Version = 2 });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(staleUpdate));

        var history = await Store.ReadMessagesAsync(conversation.TenantId, conversation.ConversationId, new HistoryQuery());
        Assert.Equal(["one", "two"], history.Select(m => ((TextContent)m.Content).Text));
    }

    [Fact]
    public async Task Concurrent_writers_on_many_conversations_keep_every_conversation_ordered_and_complete()
    {
        var tenant = Guid.NewGuid();
        var conversations = Enumerable.Range(0, 40).Select(_ => new CommitBuilder(tenant)).ToList();

        // Each conversation appends sequentially (as its grain does); all conversations at once.
        await Task.WhenAll(conversations.Select(c => Task.Run(async () =>
        {
            for (var i = 1; i <= 25; i++)
            {
                await Store.CommitAsync(c.Customer($"{c.ConversationId:N}-{i}"));
            }
        })));

        foreach (var c in conversations)
        {
            var history = await Store.ReadMessagesAsync(tenant, c.ConversationId, new HistoryQuery(Limit: 500));
            Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), history.Select(m => m.Seq));
            Assert.Equal(Enumerable.Range(1, 25).Select(i => $"{c.ConversationId:N}-{i}"), history.Select(m => ((TextContent)m.Content).Text));
        }
    }

    [Fact]
    public async Task An_edit_replaces_the_content_and_keeps_the_earlier_version()
    {
        var conversation = new CommitBuilder(Guid.NewGuid());
        await Store.CommitAsync(conversation.Customer("where is my ordr?"));
        var edit = conversation.Next() with
        {
            Edits = [new MessageEdit(1, new TextContent("where is my order?"), DateTimeOffset.UnixEpoch.AddDays(20000))],
        };
        await Store.CommitAsync(edit);

        var history = await Store.ReadMessagesAsync(conversation.TenantId, conversation.ConversationId, new HistoryQuery());
        var revisions = await Store.ReadRevisionsAsync(conversation.TenantId, conversation.ConversationId, 1);
        Assert.Equal("where is my order?", ((TextContent)history.Single().Content).Text);
        Assert.NotNull(history.Single().EditedAt);
        Assert.Equal("where is my ordr?", ((TextContent)Assert.Single(revisions)).Text);
    }

    [Fact]
    public async Task History_leaves_out_bot_messages_and_events_when_asked()
    {
        var conversation = new CommitBuilder(Guid.NewGuid());
        await Store.CommitAsync(conversation.Next(
            (MessageDirection.System, "opened", null),
            (MessageDirection.Customer, "I need a human", "k1"),
            (MessageDirection.Bot, "Connecting you", null),
            (MessageDirection.Operator, "Hello, I am Olga", null)));

        var liveChatView = await Store.ReadMessagesAsync(conversation.TenantId, conversation.ConversationId,
            new HistoryQuery(IncludeBot: false, IncludeEvents: false));

        Assert.Equal([MessageDirection.Customer, MessageDirection.Operator], liveChatView.Select(m => m.Direction));
    }

    [Fact]
    public async Task Loading_returns_the_row_and_the_latest_dedup_keys()
    {
        var conversation = new CommitBuilder(Guid.NewGuid());
        for (var i = 0; i < 300; i++)
        {
            await Store.CommitAsync(conversation.Customer($"m{i}", dedupKey: $"k{i}"));
        }

        var loaded = await Store.LoadAsync(conversation.TenantId, conversation.ConversationId);

        Assert.Equal(300, loaded!.Conversation.LastSeq);
        Assert.Equal(DedupEntry.RecentWindow, loaded.RecentDedupKeys.Count);
        Assert.Equal("k299", loaded.RecentDedupKeys[^1].DedupKey);
        Assert.Equal(300, loaded.RecentDedupKeys[^1].Seq);
        Assert.Null(await Store.LoadAsync(conversation.TenantId, Guid.NewGuid()));
    }

    [Fact]
    public async Task Another_tenant_reads_nothing_of_a_conversation()
    {
        var conversation = new CommitBuilder(Guid.NewGuid());
        await Store.CommitAsync(conversation.Customer("secret"));

        var otherTenant = Guid.NewGuid();
        Assert.Empty(await Store.ReadMessagesAsync(otherTenant, conversation.ConversationId, new HistoryQuery()));
        Assert.Null(await Store.LoadAsync(otherTenant, conversation.ConversationId));
    }
}
