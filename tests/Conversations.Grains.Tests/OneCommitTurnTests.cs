using System.Collections.Concurrent;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Engine;
using Conversations.Grains.Bot;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.InMemory;
using Conversations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Conversations.Grains.Tests;

/// <summary>
/// A turn is one commit: the customer message, the bot's reply, its outbox row and the cursor are one store commit,
/// acknowledged after it, with no read-back of the message just written. A reply that calls the business's system runs
/// outside the grain's turn: the conversation keeps storing messages meanwhile and answers each exactly once, in order.
/// </summary>
public sealed class OneCommitTurnTests : IAsyncLifetime
{
    private readonly GatedBot _bot = new();
    private CountingStore _store = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await TestClusters.StartAsync(services: s =>
        {
            s.AddSingleton<IConversationBot>(_bot);
            s.AddSingleton<IConversationStore>(sp => _store = new CountingStore(sp.GetRequiredService<InMemoryConversationStore>()));
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_bot_turn_is_one_commit_acknowledged_after_the_reply_is_stored_and_reads_nothing_back()
    {
        var tenant = Guid.NewGuid();
        var first = await _cluster.Client.SendAsync(Inbound.Text(tenant, 9401, "hello"));
        var conversation = first.ConversationId;
        await _cluster.Client.SendAsync(Inbound.Text(tenant, 9401, "where is my order"));
        await _cluster.Client.SendAsync(Inbound.Text(tenant, 9401, "thanks"));

        // Counted before anything below reads the history.
        Assert.Equal(3, _store.Commits(conversation));
        Assert.Equal(0, _store.Reads(conversation));
        var committed = _store.CommittedMessages(conversation);
        Assert.Equal(
            ["hello", "answer to: hello", "where is my order", "answer to: where is my order", "thanks", "answer to: thanks"],
            committed.Where(m => m.Message.Direction != MessageDirection.System).Select(m => m.Message.Content.ToPlainText()));
        Assert.Equal(3, _store.CommittedOutbox(conversation));

        // The ack came after the reply was stored: no waiting here.
        var view = await _cluster.Client.Conversation(first).GetViewAsync();
        Assert.Equal(committed[^1].Message.Seq, view!.LastSeq);
    }

    [Fact]
    public async Task A_widget_reply_is_delivered_by_its_commit_with_no_outbox_row()
    {
        var tenant = Guid.NewGuid();
        var visitor = Guid.NewGuid().ToString("N");
        var message = new InboundMessage(
            new ChannelIdentityKey(tenant, ChannelKind.Widget, "shop-widget", visitor), new ChannelAddress(ChannelKind.Widget, "shop-widget", visitor),
            "widget:" + visitor + ":1", null, new TextContent("hello from the site"), DateTimeOffset.UtcNow, new SenderProfile("Visitor", null, "en"));

        var result = await _cluster.Client.SendAsync(message);

        Assert.Equal(1, _store.Commits(result.ConversationId));
        Assert.Equal(0, _store.CommittedOutbox(result.ConversationId));
        Assert.Contains(_store.CommittedMessages(result.ConversationId),
            m => m.Message is { Direction: MessageDirection.Bot, Channel: ChannelKind.Widget } && m.Message.Content.ToPlainText() == "answer to: hello from the site");
    }

    [Fact]
    public async Task A_reply_that_calls_out_runs_outside_the_grain_turn_and_later_messages_are_answered_after_it_in_order()
    {
        var tenant = Guid.NewGuid();
        _bot.CloseGate();
        var first = await _cluster.Client.SendAsync(Inbound.Text(tenant, 9402, "crm: order 42"));
        await Eventually.HoldsAsync(() => _bot.OutsideCallsStarted >= 1, "the outside call started");

        // The grain is not held by the call in flight: it stores and acknowledges the next message at once.
        var second = await _cluster.Client.SendAsync(Inbound.Text(tenant, 9402, "are you there?"));
        Assert.Equal(first.ConversationId, second.ConversationId);
        var grain = _cluster.Client.Conversation(first);
        Assert.Empty(await BotMessagesAsync(grain));

        _bot.OpenGate();
        await Eventually.HoldsAsync(async () => (await BotMessagesAsync(grain)).Count == 2, "both answers");
        await grain.RunPendingBotTurnsAsync();
        var history = await grain.GetHistoryAsync(new HistoryQuery());
        Assert.Equal(
            ["crm: order 42", "are you there?", "answer from the CRM to: crm: order 42", "answer to: are you there?"],
            history.Where(m => m.Direction != MessageDirection.System).Select(m => m.Content.ToPlainText()));
        Assert.Equal(1, _bot.OutsideCallsStarted);
    }

    private static async Task<IReadOnlyList<ChatMessage>> BotMessagesAsync(IConversationGrain grain) =>
        [.. (await grain.GetHistoryAsync(new HistoryQuery())).Where(m => m.Direction == MessageDirection.Bot)];

    /// <summary>Answers at once; a message starting with "crm:" needs an outside call, which waits for the gate.</summary>
    private sealed class GatedBot : IConversationBot
    {
        private volatile TaskCompletionSource _gate = OpenSource();
        private int _outsideCalls;

        public int OutsideCallsStarted => Volatile.Read(ref _outsideCalls);

        public void CloseGate() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OpenGate() => _gate.TrySetResult();

        public async Task<BotReply> ReplyAsync(BotRequest request, CancellationToken cancellationToken)
        {
            var text = request.Message.Content.ToPlainText();
            if (!text.StartsWith("crm:", StringComparison.Ordinal))
            {
                return new BotReply([new TextContent("answer to: " + text)], request.SessionJson);
            }

            if (!request.OutsideCallsAllowed)
            {
                throw new OutsideCallRequiredException("lookup");
            }

            Interlocked.Increment(ref _outsideCalls);
            await _gate.Task.WaitAsync(cancellationToken);
            return new BotReply([new TextContent("answer from the CRM to: " + text)], request.SessionJson);
        }

        private static TaskCompletionSource OpenSource()
        {
            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            source.SetResult();
            return source;
        }
    }

    /// <summary>The embedded store, counting what each conversation commits and reads.</summary>
    private sealed class CountingStore(IConversationStore inner) : IConversationStore
    {
        private readonly ConcurrentDictionary<Guid, ConcurrentQueue<ConversationCommit>> _commits = new();
        private readonly ConcurrentDictionary<Guid, int> _reads = new();

        public int Commits(Guid conversationId) => _commits.TryGetValue(conversationId, out var list) ? list.Count : 0;

        public int Reads(Guid conversationId) => _reads.GetValueOrDefault(conversationId);

        public IReadOnlyList<MessageRecord> CommittedMessages(Guid conversationId) =>
            _commits.TryGetValue(conversationId, out var list) ? [.. list.SelectMany(c => c.Messages)] : [];

        public int CommittedOutbox(Guid conversationId) =>
            _commits.TryGetValue(conversationId, out var list) ? list.Sum(c => c.OutboxItems.Count) : 0;

        public async Task CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
        {
            await inner.CommitAsync(commit, cancellationToken);
            _commits.GetOrAdd(commit.Conversation.ConversationId, _ => new()).Enqueue(commit);
        }

        public Task<ConversationLoad?> LoadAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(tenantId, conversationId, cancellationToken);

        public Task<IReadOnlyList<ChatMessage>> ReadMessagesAsync(Guid tenantId, Guid conversationId, HistoryQuery query, CancellationToken cancellationToken = default)
        {
            _reads.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
            return inner.ReadMessagesAsync(tenantId, conversationId, query, cancellationToken);
        }

        public Task<DedupEntry?> FindByDedupKeyAsync(Guid tenantId, string dedupKey, CancellationToken cancellationToken = default) =>
            inner.FindByDedupKeyAsync(tenantId, dedupKey, cancellationToken);

        public Task<ChatMessage?> FindByChannelMessageIdAsync(Guid tenantId, Guid conversationId, ChannelKind channel, string channelMessageId, CancellationToken cancellationToken = default) =>
            inner.FindByChannelMessageIdAsync(tenantId, conversationId, channel, channelMessageId, cancellationToken);

        public Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> FindPendingBotTurnsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default) =>
            inner.FindPendingBotTurnsAsync(since, limit, cancellationToken);

        public Task<IReadOnlyList<ConversationRecord>> ListByStatusAsync(Guid tenantId, ConversationStatus status, Guid? assignedOperatorId, int limit, CancellationToken cancellationToken = default) =>
            inner.ListByStatusAsync(tenantId, status, assignedOperatorId, limit, cancellationToken);

        public Task<IReadOnlyList<MessageContent>> ReadRevisionsAsync(Guid tenantId, Guid conversationId, long seq, CancellationToken cancellationToken = default) =>
            inner.ReadRevisionsAsync(tenantId, conversationId, seq, cancellationToken);
    }
}
