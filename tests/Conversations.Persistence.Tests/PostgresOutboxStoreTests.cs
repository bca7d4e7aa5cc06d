using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Outbox;
using Conversations.Persistence.Postgres;
using Conversations.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Conversations.Persistence.Tests;

/// <summary>The outbox on PostgreSQL: chat order in claims, leases, and sent outcomes settled in batches.</summary>
public sealed class PostgresOutboxStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private GroupCommitWriter _writer = null!;
    private PostgresConversationStore _store = null!;
    private PostgresOutboxStore _outbox = null!;

    public Task InitializeAsync()
    {
        _writer = new GroupCommitWriter(database.DataSource, Options.Create(new BatchWriterOptions()), NullLogger<GroupCommitWriter>.Instance);
        _writer.Start();
        _store = new PostgresConversationStore(_writer, new ConversationReads(database.DataSource));
        _outbox = new PostgresOutboxStore(database.DataSource);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _writer.DisposeAsync();

    [Fact]
    public async Task Sent_outcomes_that_arrive_together_are_written_in_one_transaction_each_with_its_channel_id()
    {
        var tenant = Guid.NewGuid();
        var chats = Enumerable.Range(0, 50).Select(i => $"batch-{i}").ToList();
        foreach (var chat in chats)
        {
            await QueueAsync(tenant, chat, "reply");
        }

        var claimed = (await ClaimAllAsync(tenant)).ToList();
        Assert.Equal(50, claimed.Count);

        // All queued before the first write returns: the first goes alone, the other 49 share the next statement.
        var at = DateTimeOffset.UtcNow;
        await Task.WhenAll(claimed.Select(c => _outbox.MarkSentAsync(c.Id, "tg-" + c.To.ChatId, at)));

        var delivery = await _outbox.GetDeliveryAsync(tenant, [.. claimed.Select(c => c.MessageId)]);
        Assert.All(claimed, c => Assert.Equal(DeliveryStatus.Sent, delivery[c.MessageId].Status));
        await using var command = database.DataSource.CreateCommand("""
            SELECT count(DISTINCT xmin::text), count(*) FILTER (WHERE channel_message_id = 'tg-' || chat_id AND attempts = 1)
            FROM outbox WHERE id = ANY(@ids)
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<long[]>("ids", [.. claimed.Select(c => c.Id)]));
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        // All 50 are queued before the first write returns, so they go in two statements; a test thread preempted on a
        // busy machine can split the queue once or twice more, still far from one write per outcome.
        Assert.True(reader.GetInt64(0) <= 4, $"{reader.GetInt64(0)} transactions wrote 50 sent outcomes");
        Assert.Equal(50, reader.GetInt64(1));
    }

    [Fact]
    public async Task A_claim_takes_only_the_oldest_open_row_of_each_chat_and_the_next_once_it_is_settled()
    {
        var tenant = Guid.NewGuid();
        var firstOfA = await QueueAsync(tenant, "chat-a", "a1");
        var secondOfA = await QueueAsync(tenant, "chat-a", "a2");
        var onlyOfB = await QueueAsync(tenant, "chat-b", "b1");

        var claimed = await ClaimAllAsync(tenant);
        Assert.Equal(new[] { firstOfA, onlyOfB }.Order(), claimed.Select(c => c.MessageId).Order()); // both sides sorted: ids are random
        Assert.Empty(await ClaimAllAsync(tenant)); // a2 waits behind the leased a1

        await _outbox.MarkSentAsync(claimed.Single(c => c.MessageId == firstOfA).Id, null, DateTimeOffset.UtcNow);
        Assert.Equal([secondOfA], (await ClaimAllAsync(tenant)).Select(c => c.MessageId));
    }

    [Fact]
    public async Task A_row_whose_lease_ran_out_is_claimed_again_and_says_so()
    {
        var tenant = Guid.NewGuid();
        var message = await QueueAsync(tenant, "chat-lease", "x");
        var first = Assert.Single(await ClaimAllAsync(tenant));
        Assert.False(first.LeaseExpired);

        var again = Assert.Single(await ClaimAllAsync(tenant, DateTimeOffset.UtcNow + Lease + TimeSpan.FromSeconds(1)));
        Assert.Equal(message, again.MessageId);
        Assert.True(again.LeaseExpired);
    }

    [Fact]
    public async Task A_claimed_row_carries_who_wrote_it_and_the_channel_tag_it_must_go_under()
    {
        var tenant = Guid.NewGuid();
        var operatorId = Guid.NewGuid();
        var conversation = new CommitBuilder(tenant);
        var commit = conversation.Next((MessageDirection.Operator, "sorry for the wait", null), (MessageDirection.Bot, "menu", null));
        var to = new ChannelAddress(ChannelKind.Messenger, "page", "chat-author");
        var (human, bot) = (commit.Messages[0].Message, commit.Messages[1].Message);
        await _store.CommitAsync(commit with
        {
            Outbox =
            [
                new OutboxItem(human.MessageId, tenant, conversation.ConversationId, to, human.Content, human.CreatedAt, MessageDirection.Operator, operatorId, "HUMAN_AGENT"),
                new OutboxItem(bot.MessageId, tenant, conversation.ConversationId, to with { ChatId = "chat-author-bot" }, bot.Content, bot.CreatedAt),
            ],
        });

        var claimed = await ClaimAllAsync(tenant);

        var operatorRow = claimed.Single(c => c.MessageId == human.MessageId);
        var botRow = claimed.Single(c => c.MessageId == bot.MessageId);
        Assert.Equal((MessageDirection.Operator, (Guid?)operatorId, "HUMAN_AGENT"), (operatorRow.Author, operatorRow.OperatorId, operatorRow.MessageTag));
        Assert.Equal((MessageDirection.Bot, (Guid?)null, (string?)null), (botRow.Author, botRow.OperatorId, botRow.MessageTag));
    }

    /// <summary>Claims everything due for this test's tenant (other tests' rows go back to pending untouched by it).</summary>
    [Fact]
    public async Task Channel_reports_move_a_sent_message_only_forward_and_a_late_settled_send_keeps_them()
    {
        var tenant = Guid.NewGuid();
        var read = await QueueAsync(tenant, "chat-receipts-1", "r");
        var early = await QueueAsync(tenant, "chat-receipts-2", "e");
        var claimed = await ClaimAllAsync(tenant);
        var at = DateTimeOffset.UtcNow;
        await _outbox.MarkSentAsync(claimed.Single(c => c.MessageId == read).Id, "wamid.1", at);

        var conversation = await _outbox.ApplyReceiptAsync(tenant, read, DeliveryStatus.Delivered, null, at);
        await _outbox.ApplyReceiptAsync(tenant, read, DeliveryStatus.Read, null, at);
        await _outbox.ApplyReceiptAsync(tenant, read, DeliveryStatus.Delivered, null, at); // late, never back
        // A status webhook can beat the send's own settling: the settled send keeps what the channel reported.
        await _outbox.ApplyReceiptAsync(tenant, early, DeliveryStatus.Failed, "error 131047", at);
        await _outbox.MarkSentAsync(claimed.Single(c => c.MessageId == early).Id, "wamid.2", at);
        var otherTenant = await _outbox.ApplyReceiptAsync(Guid.NewGuid(), read, DeliveryStatus.Failed, "x", at);

        var delivery = await _outbox.GetDeliveryAsync(tenant, [read, early]);
        Assert.NotNull(conversation);
        Assert.Null(otherTenant);
        Assert.Equal(DeliveryStatus.Read, delivery[read].Status);
        Assert.Equal(DeliveryStatus.Failed, delivery[early].Status);
        Assert.Equal("error 131047", delivery[early].LastError);
        Assert.Empty(await ClaimAllAsync(tenant, at.AddHours(1)));
    }

    [Fact]
    public async Task A_chat_receipt_moves_the_chats_messages_sent_up_to_its_watermark_or_mid_and_no_others()
    {
        var tenant = Guid.NewGuid();
        var first = await QueueAsync(tenant, "chat-watermark", "1");
        var other = await QueueAsync(tenant, "chat-watermark-other", "o");
        var sent = DateTimeOffset.UtcNow.AddMinutes(-5);
        foreach (var entry in await ClaimAllAsync(tenant))
        {
            await _outbox.MarkSentAsync(entry.Id, "m_" + entry.To.ChatId, sent);
        }

        var second = await QueueAsync(tenant, "chat-watermark", "2");
        await _outbox.MarkSentAsync((await ClaimAllAsync(tenant)).Single().Id, "m_later", sent.AddMinutes(2));
        var chat = new ChannelAddress(ChannelKind.Telegram, "777", "chat-watermark");

        var delivered = await _outbox.ApplyChatReceiptAsync(tenant, chat, DeliveryStatus.Delivered, sent.AddMinutes(1), null, DateTimeOffset.UtcNow);
        var readUpToMid = await _outbox.ApplyChatReceiptAsync(tenant, chat, DeliveryStatus.Read, null, "m_chat-watermark", DateTimeOffset.UtcNow);
        var back = await _outbox.ApplyChatReceiptAsync(tenant, chat, DeliveryStatus.Delivered, sent.AddMinutes(10), null, DateTimeOffset.UtcNow);

        var delivery = await _outbox.GetDeliveryAsync(tenant, [first, second, other]);
        Assert.Equal(1, delivered);
        Assert.Equal(1, readUpToMid);
        Assert.Equal(1, back); // only the second moves (sent → delivered); the first stays read
        Assert.Equal(DeliveryStatus.Read, delivery[first].Status);
        Assert.Equal(DeliveryStatus.Delivered, delivery[second].Status);
        Assert.Equal(DeliveryStatus.Sent, delivery[other].Status);
    }

    [Fact]
    public async Task A_notification_enqueued_outside_a_conversation_is_claimed_once_and_enqueuing_it_again_adds_nothing()
    {
        var tenant = Guid.NewGuid();
        var notice = new OutboxItem(Guid.NewGuid(), tenant, Guid.Empty, new ChannelAddress(ChannelKind.NotificationEmail, tenant.ToString("N"), "owner@shop.example"),
            new NotificationContent("channel_account_disabled", "disabled", "The number was disabled.", "{}"), DateTimeOffset.UtcNow.AddSeconds(-1), MessageDirection.System);

        await _outbox.EnqueueAsync([notice]);
        await _outbox.EnqueueAsync([notice]);

        var claimed = Assert.Single(await ClaimAllAsync(tenant));
        Assert.Equal(notice.MessageId, claimed.MessageId);
        Assert.Equal("The number was disabled.", Assert.IsType<NotificationContent>(claimed.Content).Body);
    }

    private async Task<IReadOnlyList<OutboxEntry>> ClaimAllAsync(Guid tenant, DateTimeOffset? now = null)
    {
        var claimed = await _outbox.ClaimAsync(now ?? DateTimeOffset.UtcNow, 1000, Lease);
        foreach (var other in claimed.Where(c => c.TenantId != tenant))
        {
            await _outbox.RescheduleAsync(other.Id, DateTimeOffset.UtcNow, null, attempted: false);
        }

        return [.. claimed.Where(c => c.TenantId == tenant)];
    }

    private async Task<Guid> QueueAsync(Guid tenant, string chat, string text)
    {
        var conversation = new CommitBuilder(tenant);
        var commit = conversation.Next((MessageDirection.Bot, text, null));
        var message = commit.Messages[0].Message;
        await _store.CommitAsync(commit with
        {
            Outbox = [new OutboxItem(message.MessageId, tenant, conversation.ConversationId, new ChannelAddress(ChannelKind.Telegram, "777", chat), message.Content, message.CreatedAt)],
        });
        return message.MessageId;
    }
}
