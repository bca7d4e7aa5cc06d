using System.Collections.Concurrent;
using Conversations.Api.Contracts.Messages;
using Conversations.Client.Feed;
using Conversations.Testing;

namespace Conversations.Client.Tests;

[Collection(HostCollection.Name)]
public sealed class LiveFeedTests(HostFixture host)
{
    [Fact]
    public async Task The_feed_survives_a_dropped_connection_delivering_every_message_once_and_in_order()
    {
        var network = new UnreliableNetwork();
        using var client = await host.SignInAsync(handler: network);
        var delivered = new ConcurrentQueue<ApiMessage>();
        var states = new ConcurrentQueue<FeedConnectionState>();
        using var stop = new CancellationTokenSource();
        var options = new FeedWatchOptions
        {
            InitialBackoff = TimeSpan.FromMilliseconds(20),
            MaxBackoff = TimeSpan.FromMilliseconds(200),
            ConnectionChanged = (state, _) => states.Enqueue(state),
        };
        var watching = Task.Run(async () =>
        {
            await foreach (var change in client.WatchAsync(options, stop.Token))
            {
                foreach (var message in change.Messages)
                {
                    delivered.Enqueue(message);
                }
            }
        });
        await Eventually.HoldsAsync(() => states.Contains(FeedConnectionState.Connected), "the feed is connected");

        using var ivan = await host.NewVisitorAsync();
        var first = await ivan.WriteAsync("before the drop");
        await Eventually.HoldsAsync(() => Texts(delivered, first).Contains("before the drop"), "the first message arrives live");

        network.GoDown();
        await Eventually.HoldsAsync(() => states.Contains(FeedConnectionState.Disconnected), "the feed notices the drop");
        await ivan.WriteAsync("while away 1");
        await ivan.WriteAsync("while away 2");
        using var maria = await host.NewVisitorAsync();
        var second = await maria.WriteAsync("a new customer while away");
        var readsBefore = network.HistoryReads;
        network.ComeBack();

        await Eventually.HoldsAsync(() => Texts(delivered, first).Contains("while away 2") && Texts(delivered, second).Contains("a new customer while away"),
            "the missed messages arrive after the reconnect");
        Assert.True(network.HistoryReads > readsBefore, "the missed messages came from catch-up reads of the history");
        await ivan.WriteAsync("after the reconnect");
        await Eventually.HoldsAsync(() => Texts(delivered, first).Contains("after the reconnect"), "live messages flow again");

        // Whatever the bot still adds arrives too; then each conversation's feed equals its history: no gap, no repeat.
        foreach (var conversation in new[] { first, second })
        {
            var history = await client.GetMessagesAsync(conversation, limit: 500, includeBot: true, includeEvents: true);
            await Eventually.HoldsAsync(async () =>
            {
                history = await client.GetMessagesAsync(conversation, limit: 500, includeBot: true, includeEvents: true);
                return Seqs(delivered, conversation).LastOrDefault() == history[^1].Seq;
            }, "the feed has caught up with the history");
            var seqs = Seqs(delivered, conversation);
            Assert.Equal(history.SkipWhile(m => m.Seq < seqs[0]).Select(m => m.Seq), seqs);
            Assert.Equal(history.SkipWhile(m => m.Seq < seqs[0]).Select(m => m.MessageId), delivered.Where(m => m.ConversationId == conversation).Select(m => m.MessageId));
        }

        Assert.Equal(1, Seqs(delivered, second)[0]);
        Assert.Equal(["before the drop", "while away 1", "while away 2", "after the reconnect"], Texts(delivered, first));
        Assert.Null(network.FeedResumeIds.First());
        Assert.Contains(network.FeedResumeIds.Skip(1), id => id is not null);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
    }

    private static List<string> Texts(IEnumerable<ApiMessage> delivered, Guid conversation) =>
        [.. delivered.Where(m => m.ConversationId == conversation && m.Direction == MessageDirection.Customer).Select(m => m.Content.ToPlainText())];

    private static List<long> Seqs(IEnumerable<ApiMessage> delivered, Guid conversation) =>
        [.. delivered.Where(m => m.ConversationId == conversation).Select(m => m.Seq)];
}
