using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Text.Json;
using System.Text;
using Conversations.Api.Contracts.Channels;
using Conversations.Api.Contracts.Conversations;
using Conversations.Client.Feed;

namespace Conversations.Client.Tests;

/// <summary>The live feed against a scripted server: how the watcher reads the server's events off the wire.</summary>
public sealed class FeedWatcherTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_replayed_event_ends_the_replay_so_the_watcher_resumes_after_it_and_takes_later_events_as_live()
    {
        var seen = Position(0);
        var server = new ScriptedServer(
            $"""
            event: ready
            data: 

            event: conversation
            id: {Position(1)}
            data: {Change(Guid.NewGuid())}

            event: replayed
            id: {Position(2)}
            data: 

            event: conversation
            id: {Position(3)}
            data: {Change(Guid.NewGuid(), lastSeq: 4)}


            """);
        using var client = new ConversationsClient(new HttpClient(server) { BaseAddress = new Uri("http://feed.test/") }) { AccessToken = "token" };
        using var stop = new CancellationTokenSource();
        var delivered = new ConcurrentQueue<FeedEvent>();
        var options = new FeedWatchOptions { LastEventId = seen, InitialBackoff = TimeSpan.FromMilliseconds(1) };
        var watching = Task.Run(async () =>
        {
            await foreach (var change in client.WatchAsync(options, stop.Token))
            {
                delivered.Enqueue(change);
            }
        });

        var resumedFrom = await server.SecondConnection.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);

        // The second connection resumes after the live event (without the mark the replay would still be open, and the
        // watcher would resume from where it started); the conversation met after the mark is live news, not read from its start.
        Assert.Equal(seen, server.FirstResumeId);
        Assert.Equal(Position(3), resumedFrom);
        Assert.Equal(2, delivered.Count);
        Assert.Empty(server.HistoryReads);
    }

    private static string Position(int second) => Start.AddSeconds(second).ToString("O", CultureInfo.InvariantCulture);

    private static string Change(Guid conversationId, long lastSeq = 0) => JsonSerializer.Serialize(
        new FeedEvent(new InboxItem(conversationId, Guid.NewGuid(), "Ivan", ConversationStatus.LiveChat, false, null, null, ChannelKind.Widget, "",
            lastSeq, Start, null, null, null, null, null, null, null, null), []),
        ClientJson.Options);

    /// <summary>
    /// Serves the feed once from a script, ending the stream after it; records the <c>Last-Event-ID</c> of the first and
    /// second connection (which stays open) and every history read.
    /// </summary>
    private sealed class ScriptedServer(string script) : HttpMessageHandler
    {
        private readonly Pipe _silence = new();
        private int _connections;

        public string? FirstResumeId { get; private set; }

        public TaskCompletionSource<string?> SecondConnection { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<string> HistoryReads { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path.EndsWith("/messages", StringComparison.Ordinal))
            {
                HistoryReads.Enqueue(request.RequestUri.PathAndQuery);
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]", Encoding.UTF8, "application/json") });
            }

            Assert.Equal("/api/v1/events", path);
            var resumeId = request.Headers.TryGetValues("Last-Event-ID", out var ids) ? ids.Single() : null;
            HttpContent body;
            if (Interlocked.Increment(ref _connections) == 1)
            {
                FirstResumeId = resumeId;
                body = new StringContent(script.ReplaceLineEndings("\n"), Encoding.UTF8);
            }
            else
            {
                SecondConnection.TrySetResult(resumeId);
                body = new StreamContent(_silence.Reader.AsStream());
            }

            body.Headers.ContentType = new("text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = body });
        }
    }
}
