using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Outbox;
using Conversations.Persistence.Postgres;
using Conversations.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// Delivery by push on real PostgreSQL: rows this silo commits go to its dispatcher in memory, in order and paced;
/// rows a silo died holding are taken over by the poll once their lease runs out, and sent once.
/// </summary>
public sealed class PushDeliveryTests(TelegramOnPostgresFixture telegram) : IClassFixture<TelegramOnPostgresFixture>
{
    [Fact]
    public async Task Pushed_rows_of_a_chat_are_paced_in_memory_and_go_out_in_order()
    {
        var user = Fixture.NewUserId();
        var ids = await CommitRepliesAsync(telegram.App.Store, user, 5);

        // Telegram's per-chat budget: a burst of 3, then 1 a second. The fourth is held here, still leased to this
        // silo (not put back for the poll), until the clock moves on.
        await Eventually.HoldsAsync(() => Task.FromResult(telegram.RepliesTo(user).Count == 3), "the burst sent");
        var held = await telegram.App.Outbox.GetDeliveryAsync(telegram.TenantId, [ids[3]]);
        Assert.Equal(DeliveryStatus.Sending, held[ids[3]].Status);
        Assert.Equal(3, telegram.AttemptsFor(user).Count);

        // One more a second: the held row's wait starts when the dispatcher gets to it, which may be after an advance,
        // so the clock moves a second at a time until all are out, never ahead of the budget.
        for (var seconds = 1; telegram.RepliesTo(user).Count < 5; seconds++)
        {
            Assert.True(seconds <= 10, $"only {telegram.RepliesTo(user).Count} of 5 sent after {seconds} s");
            var before = telegram.RepliesTo(user).Count;
            telegram.Clock.Advance(TimeSpan.FromSeconds(1));
            try
            {
                await Eventually.HoldsAsync(() => Task.FromResult(telegram.RepliesTo(user).Count > before), "the next reply", TimeSpan.FromSeconds(2));
            }
            catch (TimeoutException)
            {
                // Its wait began after this advance: the next one releases it.
            }

            Assert.True(telegram.RepliesTo(user).Count <= 3 + seconds, $"{telegram.RepliesTo(user).Count} sent within {seconds} s: above 3 + 1 a second");
        }

        Assert.Equal(["1", "2", "3", "4", "5"], telegram.RepliesTo(user).Select(c => c.Field("text")));
        await AssertSentOnceAsync(ids);
    }

    [Fact]
    public async Task A_chat_whose_pushed_row_is_retried_goes_back_to_the_poll_and_keeps_its_order()
    {
        var user = Fixture.NewUserId();
        telegram.BotApi.FailNext("sendMessage", 429, "Too Many Requests: retry after 5", retryAfter: 5, chatId: user);
        var ids = await CommitRepliesAsync(telegram.App.Store, user, 3);
        await Eventually.HoldsAsync(async () => (await telegram.App.Outbox.GetDeliveryAsync(telegram.TenantId, ids)).Values
            .All(d => d.Status == DeliveryStatus.Pending), "the retried row and the two behind it back in the outbox");

        // A later reply of the same chat is committed behind them, for the poll.
        ids = [.. ids, .. await CommitRepliesAsync(telegram.App.Store, user, 1, first: 4)];
        Assert.Empty(telegram.RepliesTo(user));

        await AdvanceUntilAsync(() => telegram.RepliesTo(user).Count == 4, maxSeconds: 15);
        Assert.Equal(["1", "2", "3", "4"], telegram.RepliesTo(user).Select(c => c.Field("text")));
        await AssertSentOnceAsync(ids, retried: ids[0]);
    }

    [Fact]
    public async Task Rows_a_dead_silo_held_are_taken_over_when_their_lease_runs_out_and_sent_once_in_order()
    {
        // The dead silo: its own group-commit writer on the same database, whose dispatcher took the pushed rows
        // and died before sending them.
        var dead = new DeadDispatcher(telegram.App.Service<IOptions<DeliveryOptions>>().Value.Lease);
        var push = new OutboxPush(new OutboxSignal());
        push.Attach(dead);
        var user = Fixture.NewUserId();
        List<Guid> ids;
        await using (var writer = new GroupCommitWriter(telegram.App.Service<NpgsqlDataSource>(), Options.Create(new BatchWriterOptions()), NullLogger<GroupCommitWriter>.Instance, push))
        {
            writer.Start();
            ids = await CommitRepliesAsync(new PostgresConversationStore(writer, new ConversationReads(telegram.App.Service<NpgsqlDataSource>())), user, 3);
        }

        Assert.Equal(ids, dead.Received.Select(r => r.MessageId));
        var leased = await telegram.App.Outbox.GetDeliveryAsync(telegram.TenantId, ids);
        Assert.All(ids, id => Assert.Equal(DeliveryStatus.Sending, leased[id].Status));

        // Before the lease runs out the live silo leaves them alone, though its poll is woken and another chat is
        // answered meanwhile.
        telegram.Clock.Advance(dead.Lease - TimeSpan.FromSeconds(5));
        telegram.App.Service<OutboxSignal>().Notify();
        var other = Fixture.NewUserId();
        (await telegram.PostUpdateAsync(Fixture.Load("text", other, text: "/start"))).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(telegram.RepliesTo(other).Count == 1), "the other chat answered");
        Assert.Empty(telegram.AttemptsFor(user));

        await AdvanceUntilAsync(() => telegram.RepliesTo(user).Count == 3, maxSeconds: 15);
        Assert.Equal(["1", "2", "3"], telegram.AttemptsFor(user).Select(c => c.Field("text")));
        await AssertSentOnceAsync(ids);
    }

    /// <summary>
    /// Moves the clock a second at a time, giving the dispatcher a moment after each, until <paramref name="done"/>: a
    /// wait it starts after an advance is released by the next one.
    /// </summary>
    private async Task AdvanceUntilAsync(Func<bool> done, int maxSeconds)
    {
        for (var seconds = 1; !done(); seconds++)
        {
            Assert.True(seconds <= maxSeconds, $"not done after {maxSeconds} s");
            telegram.Clock.Advance(TimeSpan.FromSeconds(1));
            try
            {
                await Eventually.HoldsAsync(() => Task.FromResult(done()), "done", TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
                // Not yet: the next second.
            }
        }
    }

    /// <summary>Commits a bot conversation with replies "first".."first+count-1" to the user's chat, one commit as a bot turn makes.</summary>
    private async Task<List<Guid>> CommitRepliesAsync(IConversationStore store, long user, int count, int first = 1)
    {
        var now = telegram.Clock.GetUtcNow();
        var conversationId = ConversationOf(user);
        var version = first == 1 ? 1 : 2;
        var seq = first - 1;
        var messages = Enumerable.Range(first, count).Select(n => new MessageRecord(telegram.TenantId, CustomerOf(user), null,
            new ChatMessage(Guid.NewGuid(), conversationId, ++seq, MessageDirection.Bot, new TextContent(n.ToString(CultureInfo.InvariantCulture)),
                ChannelKind.Telegram, null, null, now))).ToList();
        var record = new ConversationRecord(telegram.TenantId, conversationId, CustomerOf(user), ConversationStatus.Bot, null, now, null, seq,
            null, now, null, ChannelKind.Telegram, "Anna", messages[^1].Message.Content.ToPlainText(), "{}", version);
        var to = new ChannelAddress(ChannelKind.Telegram, TelegramGatewayFixture.BotId.ToString(CultureInfo.InvariantCulture), user.ToString(CultureInfo.InvariantCulture));
        await store.CommitAsync(new ConversationCommit(record, messages, [],
            [.. messages.Select(m => new OutboxItem(m.Message.MessageId, telegram.TenantId, conversationId, to, m.Message.Content, now))]));
        return [.. messages.Select(m => m.Message.MessageId)];
    }

    /// <summary>Every row recorded as sent, after one attempt each (two for <paramref name="retried"/>, refused once).</summary>
    private async Task AssertSentOnceAsync(IReadOnlyCollection<Guid> ids, Guid? retried = null)
    {
        await Eventually.HoldsAsync(async () => (await telegram.App.Outbox.GetDeliveryAsync(telegram.TenantId, ids)).Values
            .Count(d => d is { Status: DeliveryStatus.Sent }) == ids.Count, "every row recorded as sent");
        var delivery = await telegram.App.Outbox.GetDeliveryAsync(telegram.TenantId, ids);
        Assert.All(ids, id => Assert.Equal(id == retried ? 2 : 1, delivery[id].Attempts));
    }

    private static Guid ConversationOf(long user) => new(user.ToString("x32", CultureInfo.InvariantCulture));

    private static Guid CustomerOf(long user) => new((user + 1).ToString("x32", CultureInfo.InvariantCulture));

    /// <summary>A dispatcher that takes pushed rows and dies before sending them.</summary>
    private sealed class DeadDispatcher(TimeSpan lease) : IOutboxReceiver
    {
        public List<OutboxEntry> Received { get; } = [];

        public TimeSpan Lease => lease;

        public bool Accepting => true;

        public void Receive(IReadOnlyList<OutboxEntry> rows) => Received.AddRange(rows);

        public bool WakeAfter(IReadOnlyCollection<(Guid TenantId, ChannelAddress To)> chats) => false;
    }
}
