using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Conversations.Abstractions.Operators;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Mappings;
using Conversations.Persistence.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using ConversationStatus = Conversations.Abstractions.Conversations.ConversationStatus;

namespace Conversations.Api.Operators;

/// <summary>
/// <c>GET /api/v1/events</c>: server-sent events of the tenant's conversations, for the signed-in operator.
/// <list type="bullet">
/// <item><c>ready</c> (no data): the stream is subscribed; nothing that happens from now on is missed.</item>
/// <item><c>conversation</c> (a <see cref="FeedEvent"/>): a conversation changed. Its id is a feed position (the time of
/// the change).</item>
/// <item><c>replayed</c> (no data): sent once per connection, right after <c>ready</c> and the replay. After a reconnect
/// (<c>Last-Event-ID</c>, or <c>?since=</c>) the stream first replays, without messages and in inbox order rather than
/// time order, every conversation changed since then, so a client that compares sequence numbers misses nothing. The
/// replay ends with this event, whose id is the latest position the replay covered (resume from it); every
/// <c>conversation</c> event after it is live.</item>
/// <item><c>ping</c> (no data): a keep-alive every 20 s.</item>
/// </list>
/// Every 20 s, and at once when a silo of the cluster dies, the stream also checks the database for conversations
/// that changed since its last event without reaching it (an event lost with a dead silo) and sends them as
/// <c>conversation</c> events without messages; their sequence numbers show the client what to fetch.
/// The stream ends (cleanly) when the host shuts down; the client reconnects to another silo and resumes.
/// </summary>
public static class FeedEndpoints
{
    /// <summary>How far before the last seen position a replay starts (covers changes committed out of order).</summary>
    public static readonly TimeSpan ReplayMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far back the catch-up looks after a silo died. Its queue of stream events may have held changes older than
    /// the newest one this feed saw (other queues went on delivering), so the usual window from the last seen position
    /// is not enough then.
    /// </summary>
    public static readonly TimeSpan DeathLookback = TimeSpan.FromMinutes(2);

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events", Stream).WithTags("Real-time").RequireAuthorization(AuthExtensions.OperatorPolicy)
            .WithSummary("Live feed (server-sent events) of the tenant's conversations; resumes after Last-Event-ID")
            .WithDescription("Events: 'ready' once subscribed; 'conversation' (a FeedEvent, id = feed position); 'replayed' once the replay " +
                "of the conversations changed since Last-Event-ID (or ?since=) is over, its id the position to resume from; " +
                "'ping' every 20 s. The stream ends when the server shuts down: reconnect with Last-Event-ID.");
        return app;
    }

    private static IResult Stream(HttpContext http, ClaimsPrincipal user, IGrainFactory grains, IReadModels read, InboxRows rows, TimeProvider time,
        IHostApplicationLifetime lifetime, ClusterChanges cluster, string? since = null)
    {
        var resume = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastId ? lastId : since;
        DateTimeOffset? resumeAt = DateTimeOffset.TryParse(resume, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var position)
            ? position
            : null;
        http.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(
            EventsAsync(grains, read, rows, time, cluster, user.TenantId(), user.RequireOperatorId(), resumeAt, lifetime.ApplicationStopping));
    }

    /// <summary>
    /// The events of one connection, until the client goes (<paramref name="requestAborted"/>) or the host stops
    /// (<paramref name="stopping"/>): then the sequence ends, so the response completes instead of holding up shutdown.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<FeedEvent?>> EventsAsync(IGrainFactory grains, IReadModels read, InboxRows rows, TimeProvider time,
        ClusterChanges cluster, Guid tenantId, Guid operatorId, DateTimeOffset? resumeAt, CancellationToken stopping, [EnumeratorCancellation] CancellationToken requestAborted = default)
    {
        using var open = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        var observer = new OperatorFeedObserver();
        var reference = grains.CreateObjectReference<IOperatorFeedObserver>(observer);
        var me = grains.GetGrain<IOperatorGrain>(new OperatorKey(tenantId, operatorId).ToGrainKey());
        try
        {
            // Attach first, then replay: a change in between is seen twice rather than never.
            await me.AttachFeedAsync(reference);
            var sent = new SentPositions(resumeAt ?? time.GetUtcNow());
            yield return new SseItem<FeedEvent?>(null, "ready");
            var replayedUpTo = resumeAt;
            if (resumeAt is { } since)
            {
                foreach (var row in await ChangedSinceAsync(read, tenantId, since - ReplayMargin, requestAborted))
                {
                    replayedUpTo = row.LastActivityAt > replayedUpTo ? row.LastActivityAt : replayedUpTo;
                    sent.Record(row.ConversationId, row.LastSeq, row.LastActivityAt);
                    yield return Item(new FeedEvent(row.ToInboxItem(time.GetUtcNow()), []), row.LastActivityAt);
                }
            }

            yield return new SseItem<FeedEvent?>(null, "replayed") { EventId = replayedUpTo is { } upTo ? Position(upTo) : null };

            while (!open.IsCancellationRequested)
            {
                var death = cluster.NextDeath;
                using var renew = CancellationTokenSource.CreateLinkedTokenSource(open.Token, death);
                renew.CancelAfter(TimeSpan.FromSeconds(20)); // the attachment expires after a minute
                while (await WaitAsync(observer, renew.Token))
                {
                    while (observer.Events.TryRead(out var change))
                    {
                        var row = await rows.FromAsync(change.Conversation);
                        sent.Record(change.Conversation.ConversationId, change.Conversation.LastSeq, change.Conversation.LastActivityAt);
                        yield return Item(new FeedEvent(row, [.. change.Messages.Select(m => m.ToContract())]), change.Conversation.LastActivityAt);
                    }
                }

                if (open.IsCancellationRequested)
                {
                    break;
                }

                // Renewing also subscribes the operator to the tenant's stream again if a dead silo took that along.
                await me.AttachFeedAsync(reference);

                // Catch up from the database: changes whose events never arrived (lost with a silo) are sent now.
                var checkFrom = sent.Position - ReplayMargin;
                if (death.IsCancellationRequested)
                {
                    var lookback = time.GetUtcNow() - DeathLookback;
                    checkFrom = lookback < checkFrom ? lookback : checkFrom;
                }

                foreach (var row in await ChangedSinceAsync(read, tenantId, checkFrom, requestAborted))
                {
                    if (sent.IsBehind(row.ConversationId, row.LastSeq))
                    {
                        sent.Record(row.ConversationId, row.LastSeq, row.LastActivityAt);
                        yield return Item(new FeedEvent(row.ToInboxItem(time.GetUtcNow()), []), row.LastActivityAt);
                    }
                }

                sent.Forget(checkFrom - ReplayMargin);
                yield return new SseItem<FeedEvent?>(null, "ping");
            }
        }
        finally
        {
            await me.DetachFeedAsync(reference).ContinueWith(_ => { }, TaskScheduler.Default);
            grains.DeleteObjectReference<IOperatorFeedObserver>(reference);
        }
    }

    /// <summary>What one connection has sent: the last sequence number per recently changed conversation, and the feed position.</summary>
    private sealed class SentPositions(DateTimeOffset start)
    {
        private readonly Dictionary<Guid, (long Seq, DateTimeOffset At)> _sent = [];

        public DateTimeOffset Position { get; private set; } = start;

        public void Record(Guid conversationId, long seq, DateTimeOffset at)
        {
            if (!_sent.TryGetValue(conversationId, out var known) || known.Seq < seq)
            {
                _sent[conversationId] = (seq, at);
            }

            Position = at > Position ? at : Position;
        }

        public bool IsBehind(Guid conversationId, long seq) => !_sent.TryGetValue(conversationId, out var known) || known.Seq < seq;

        /// <summary>Drops what the next catch-up cannot ask about (changes before its window), so a long connection stays small.</summary>
        public void Forget(DateTimeOffset before)
        {
            foreach (var old in _sent.Where(s => s.Value.At < before).Select(s => s.Key).ToList())
            {
                _sent.Remove(old);
            }
        }
    }

    private static SseItem<FeedEvent?> Item(FeedEvent feedEvent, DateTimeOffset position) =>
        new(feedEvent, "conversation") { EventId = Position(position) };

    private static string Position(DateTimeOffset position) => position.ToString("O", CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<Persistence.Conversations.ConversationRecord>> ChangedSinceAsync(IReadModels read, Guid tenantId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // Every status, closed included: a chat closed while the operator was away must leave their screen too.
        var changed = new List<Persistence.Conversations.ConversationRecord>();
        InboxCursor? after = null;
        while (true)
        {
            var page = await read.QueryInboxAsync(new InboxQuery(tenantId, Enum.GetValues<ConversationStatus>(), null, false, null, null, after, 200), cancellationToken);
            changed.AddRange(page.Where(r => r.LastActivityAt >= since));
            if (page.Count < 200 || page.All(r => r.LastActivityAt < since && r.Status != ConversationStatus.WaitingForOperator))
            {
                return changed;
            }

            var last = page[^1];
            after = new InboxCursor(InboxCursor.RankOf(last.Status == ConversationStatus.WaitingForOperator, last.WaitingSince, last.LastActivityAt), last.ConversationId);
        }
    }

    private static async Task<bool> WaitAsync(OperatorFeedObserver observer, CancellationToken cancellationToken)
    {
        try
        {
            return await observer.Events.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
