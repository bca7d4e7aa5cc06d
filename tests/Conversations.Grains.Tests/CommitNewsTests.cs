using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Conversations;
using Conversations.Testing;

namespace Conversations.Grains.Tests;

/// <summary>
/// Issue 14, item 4 ("feeds off the ack path"): a conversation tells its live observers (a widget connection) and the
/// tenant's feed after the acknowledgement, in commit order (<see cref="CommitNews"/>). A listener that hangs delays no
/// customer's ack, and once it answers it hears every commit, in order.
/// </summary>
public sealed class CommitNewsTests(LiveChatFixture fixture) : IClassFixture<LiveChatFixture>
{
    private static long _user = 960_000;

    [Fact]
    public async Task A_listener_that_hangs_delays_no_ack_and_then_hears_every_commit_in_order()
    {
        var tenant = await fixture.NewTenantAsync();
        var user = Interlocked.Increment(ref _user);
        var first = await fixture.Grains.SendAsync(Inbound.Text(tenant, user, "hello"));
        var conversation = fixture.Grains.Conversation(first);
        var widget = new HangingObserver();
        await conversation.SubscribeAsync(fixture.Grains.CreateObjectReference<IConversationObserver>(widget));

        // The first news after subscribing reaches the widget, which does not answer.
        var second = await fixture.Grains.SendAsync(Inbound.Text(tenant, user, "are you there?")).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(() => widget.Entered > 0, "the widget hears the first news and hangs on it");

        // Acks do not wait for it (before CommitNews, each of these sends waited on the hanging call until its response timeout).
        var third = await fixture.Grains.SendAsync(Inbound.Text(tenant, user, "hello??")).WaitAsync(TimeSpan.FromSeconds(10));
        var fourth = await fixture.Grains.SendAsync(Inbound.Text(tenant, user, "anyone")).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(InboundOutcome.Stored, fourth.Outcome);
        Assert.Equal(1, widget.Entered); // still stuck on the first: the rest wait behind it, in order

        widget.Answer();
        await Eventually.HoldsAsync(() => widget.Seqs.Contains(fourth.Seq), "the widget hears the later commits once it answers");
        var heard = widget.Seqs;
        Assert.Equal([.. heard.Order()], heard);
        Assert.Equal(heard.Count, heard.Distinct().Count());
        Assert.Contains(second.Seq, heard);
        Assert.Contains(third.Seq, heard);
    }

    private sealed class HangingObserver : IConversationObserver
    {
        private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<long> _seqs = [];
        private int _entered;

        public int Entered => Volatile.Read(ref _entered);

        public IReadOnlyList<long> Seqs
        {
            get
            {
                lock (_seqs)
                {
                    return [.. _seqs];
                }
            }
        }

        public void Answer() => _answer.TrySetResult();

        public async Task OnMessagesAsync(ConversationView conversation, IReadOnlyList<ChatMessage> messages)
        {
            Interlocked.Increment(ref _entered);
            await _answer.Task;
            lock (_seqs)
            {
                _seqs.AddRange(messages.Select(m => m.Seq));
            }
        }

        public Task OnSignalAsync(ConversationSignal signal) => Task.CompletedTask;
    }
}
