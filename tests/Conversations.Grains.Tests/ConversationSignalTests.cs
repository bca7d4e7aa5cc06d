using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Conversations;
using Conversations.Testing;

namespace Conversations.Grains.Tests;

/// <summary>
/// Typing and read marks through the conversation grain, on a fake clock: passed on to the conversation's observers
/// (the widget), typing at most once per <see cref="ConversationGrain.TypingEvery"/>, read marks only forward, a new
/// observer told the current mark, only the chat's operator typing, and nothing stored.
/// </summary>
public sealed class ConversationSignalTests(LiveChatFixture fixture) : IClassFixture<LiveChatFixture>
{
    private static long _user = 950_000;

    [Fact]
    public async Task The_operators_typing_is_passed_on_once_per_interval_and_read_marks_only_forward_without_storing_anything()
    {
        var tenant = await fixture.NewTenantAsync();
        var olga = await fixture.NewOperatorAsync(tenant, "Olga");
        var ivan = await fixture.NewOperatorAsync(tenant, "Ivan");
        var result = await fixture.Grains.SendAsync(Inbound.Text(tenant, Interlocked.Increment(ref _user), "hello"));
        var conversation = fixture.Grains.Conversation(result);
        await conversation.TakeAsync(olga);
        var lastSeq = (await conversation.GetViewAsync())!.LastSeq;
        var widget = new RecordingObserver();
        var reference = fixture.Grains.CreateObjectReference<IConversationObserver>(widget);
        await conversation.SubscribeAsync(reference);

        await conversation.SignalAsync(ConversationSignalKind.OperatorTyping, olga.OperatorId, 0);
        await conversation.SignalAsync(ConversationSignalKind.OperatorTyping, olga.OperatorId, 0); // within the interval: not passed on
        fixture.Advance(ConversationGrain.TypingEvery);
        await conversation.SignalAsync(ConversationSignalKind.OperatorTyping, olga.OperatorId, 0);
        await conversation.SignalAsync(ConversationSignalKind.ReadByOperator, ivan.OperatorId, result.Seq);
        await conversation.SignalAsync(ConversationSignalKind.ReadByOperator, olga.OperatorId, result.Seq); // not forward
        await conversation.SignalAsync(ConversationSignalKind.ReadByOperator, olga.OperatorId, lastSeq + 100); // kept within the conversation
        var notHers = await Assert.ThrowsAsync<DomainException>(() => conversation.SignalAsync(ConversationSignalKind.OperatorTyping, ivan.OperatorId, 0));
        var later = new RecordingObserver();
        await conversation.SubscribeAsync(fixture.Grains.CreateObjectReference<IConversationObserver>(later));

        Assert.Equal(
            [(ConversationSignalKind.OperatorTyping, lastSeq), (ConversationSignalKind.OperatorTyping, lastSeq),
                (ConversationSignalKind.ReadByOperator, result.Seq), (ConversationSignalKind.ReadByOperator, lastSeq)],
            widget.Signals.Select(s => (s.Kind, s.UpToSeq)));
        Assert.Equal(fixture.Clock.GetUtcNow(), widget.Signals[^1].At);
        Assert.Equal(DomainErrorCode.Conflict, notHers.Code);
        Assert.Equal([(ConversationSignalKind.ReadByOperator, lastSeq)], later.Signals.Select(s => (s.Kind, s.UpToSeq)));
        Assert.Equal(lastSeq, (await conversation.GetViewAsync())!.LastSeq);
        Assert.Equal(lastSeq, (await conversation.GetHistoryAsync(new HistoryQuery(Limit: 500))).Max(m => m.Seq));
    }

    private sealed class RecordingObserver : IConversationObserver
    {
        private readonly List<ConversationSignal> _signals = [];

        public IReadOnlyList<ConversationSignal> Signals
        {
            get
            {
                lock (_signals)
                {
                    return [.. _signals];
                }
            }
        }

        public Task OnMessagesAsync(ConversationView conversation, IReadOnlyList<ChatMessage> messages) => Task.CompletedTask;

        public Task OnSignalAsync(ConversationSignal signal)
        {
            lock (_signals)
            {
                _signals.Add(signal);
            }

            return Task.CompletedTask;
        }
    }
}
