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

    [Fact]
    public async Task Rows_of_a_chat_with_no_open_row_are_leased_to_this_silo_as_they_commit_and_handed_over_and_the_next_waits_for_the_poll()
    {
        var receiver = new RecordingReceiver(Lease);
        var signal = new OutboxSignal();
        var push = new OutboxPush(signal);
        push.Attach(receiver);
        await using var writer = new GroupCommitWriter(database.DataSource, Options.Create(new BatchWriterOptions()), NullLogger<GroupCommitWriter>.Instance, push);
        writer.Start();
        var store = new PostgresConversationStore(writer, new ConversationReads(database.DataSource));
        var tenant = Guid.NewGuid();
        var conversation = new CommitBuilder(tenant);
        var to = new ChannelAddress(ChannelKind.Telegram, "777", "chat-push");
        var now = DateTimeOffset.UtcNow;

        var commit = conversation.Next((MessageDirection.Bot, "p1", null), (MessageDirection.Bot, "p2", null));
        await store.CommitAsync(commit with { Outbox = [.. commit.Messages.Select(m => new OutboxItem(m.Message.MessageId, tenant, conversation.ConversationId, to, m.Message.Content, now))] });

        // Handed over in order, leased from their commit; stored as sending, so no claim takes them while the lease holds.
        Assert.Equal(commit.Messages.Select(m => m.Message.MessageId), receiver.Received.Select(r => r.MessageId));
        Assert.True(receiver.Received[0].Id < receiver.Received[1].Id);
        Assert.All(receiver.Received, r => Assert.Equal(now + Lease, r.LeaseUntil!.Value, TimeSpan.FromMilliseconds(1)));
        var stored = await _outbox.GetDeliveryAsync(tenant, [.. receiver.Received.Select(r => r.MessageId)]);
        Assert.All(stored.Values, d => Assert.Equal(DeliveryStatus.Sending, d.Status));
        Assert.Empty(await ClaimAllAsync(tenant));

        // A reply committed while they are open goes in pending behind them; the dispatcher is asked to wake the poll.
        var next = conversation.Next((MessageDirection.Bot, "p3", null));
        var third = next.Messages[0].Message;
        await store.CommitAsync(next with { Outbox = [new OutboxItem(third.MessageId, tenant, conversation.ConversationId, to, third.Content, now)] });
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal([(tenant, to)], receiver.Waiting);
        Assert.Equal(DeliveryStatus.Pending, (await _outbox.GetDeliveryAsync(tenant, [third.MessageId]))[third.MessageId].Status);
        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None)); // it held none of them: the poll is woken now

        // The silo died: once the lease runs out the poll takes them over, oldest first, saying they may have gone out.
        var takenOver = Assert.Single(await ClaimAllAsync(tenant, now + Lease + TimeSpan.FromSeconds(1)));
        Assert.Equal(receiver.Received[0].Id, takenOver.Id);
        Assert.True(takenOver.LeaseExpired);
    }

    [Fact]
    public async Task Pushed_rows_handed_back_become_due_now_unless_their_lease_was_taken_over()
    {
        var receiver = new RecordingReceiver(Lease);
        var push = new OutboxPush(new OutboxSignal());
        push.Attach(receiver);
        await using var writer = new GroupCommitWriter(database.DataSource, Options.Create(new BatchWriterOptions()), NullLogger<GroupCommitWriter>.Instance, push);
        writer.Start();
        var store = new PostgresConversationStore(writer, new ConversationReads(database.DataSource));
        var tenant = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        foreach (var chat in new[] { "released", "taken-over" })
        {
            var conversation = new CommitBuilder(tenant);
            var commit = conversation.Next((MessageDirection.Bot, chat, null));
            var message = commit.Messages[0].Message;
            await store.CommitAsync(commit with { Outbox = [new OutboxItem(message.MessageId, tenant, conversation.ConversationId, new ChannelAddress(ChannelKind.Telegram, "777", chat), message.Content, now)] });
        }

        var (released, takenOver) = (receiver.Received[0], receiver.Received[1]);
        await _outbox.ReleaseAsync([(released.Id, released.LeaseUntil!.Value), (takenOver.Id, takenOver.LeaseUntil!.Value - TimeSpan.FromSeconds(1))], now);

        var delivery = await _outbox.GetDeliveryAsync(tenant, [released.MessageId, takenOver.MessageId]);
        Assert.Equal(DeliveryStatus.Pending, delivery[released.MessageId].Status);
        Assert.Equal(DeliveryStatus.Sending, delivery[takenOver.MessageId].Status);
        Assert.Equal([released.MessageId], (await ClaimAllAsync(tenant, now)).Select(c => c.MessageId));
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

    /// <summary>A dispatcher that records what is pushed to it and holds no chat.</summary>
    private sealed class RecordingReceiver(TimeSpan lease) : IOutboxReceiver
    {
        public List<OutboxEntry> Received { get; } = [];

        public List<(Guid TenantId, ChannelAddress To)> Waiting { get; } = [];

        public TimeSpan Lease => lease;

        public bool Accepting => true;

        public void Receive(IReadOnlyList<OutboxEntry> rows) => Received.AddRange(rows);

        public bool WakeAfter(IReadOnlyCollection<(Guid TenantId, ChannelAddress To)> chats)
        {
            Waiting.AddRange(chats);
            return false;
        }
    }
}
