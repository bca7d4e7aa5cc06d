using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Conversations.Api.Auth;
using Conversations.Api.Contracts;
using Conversations.Operators;
using Conversations.Persistence.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.Operators;

/// <summary>
/// <c>GET /api/v1/events</c>: server-sent events of the tenant's conversations, for the signed-in operator. Each event's
/// id is a feed position (the time of the change); after a reconnect (<c>Last-Event-ID</c>, or <c>?since=</c>) the
/// stream first replays every conversation changed since then, so a client that compares sequence numbers misses nothing.
/// </summary>
public static class FeedEndpoints
{
    /// <summary>How far before the last seen position a replay starts (covers changes committed out of order).</summary>
    public static readonly TimeSpan ReplayMargin = TimeSpan.FromSeconds(5);

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events", Stream).WithTags("Real-time").RequireAuthorization(AuthExtensions.OperatorPolicy)
            .WithSummary("Live feed (server-sent events) of the tenant's conversations; resumes after Last-Event-ID");
        return app;
    }

    private static IResult Stream(HttpContext http, ClaimsPrincipal user, IGrainFactory grains, IReadModels read, TimeProvider time, string? since = null)
    {
        var resume = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastId ? lastId : since;
        DateTimeOffset? from = DateTimeOffset.TryParse(resume, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var position)
            ? position - ReplayMargin
            : null;
        http.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(EventsAsync(grains, read, time, user.TenantId(), user.RequireOperatorId(), from, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<FeedEvent?>> EventsAsync(IGrainFactory grains, IReadModels read, TimeProvider time,
        Guid tenantId, Guid operatorId, DateTimeOffset? from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var observer = new OperatorFeedObserver();
        var reference = grains.CreateObjectReference<IOperatorFeedObserver>(observer);
        var me = grains.GetGrain<IOperatorGrain>(new OperatorKey(tenantId, operatorId).ToGrainKey());
        try
        {
            // Attach first, then replay: a change in between is seen twice rather than never.
            await me.AttachFeedAsync(reference);
            yield return new SseItem<FeedEvent?>(null, "ready");
            if (from is { } replayFrom)
            {
                foreach (var row in await ChangedSinceAsync(read, tenantId, replayFrom, cancellationToken))
                {
                    yield return Item(new FeedEvent(InboxItem.From(row, time.GetUtcNow()), []), row.LastActivityAt);
                }
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                using var renew = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                renew.CancelAfter(TimeSpan.FromSeconds(20)); // the attachment expires after a minute
                while (await WaitAsync(observer, renew.Token))
                {
                    while (observer.Events.TryRead(out var change))
                    {
                        var now = time.GetUtcNow();
                        yield return Item(new FeedEvent(InboxItem.From(change.Conversation, now), [.. change.Messages.Select(m => ApiMessage.From(m))]),
                            change.Conversation.LastActivityAt);
                    }
                }

                if (!cancellationToken.IsCancellationRequested)
                {
                    await me.AttachFeedAsync(reference);
                    yield return new SseItem<FeedEvent?>(null, "ping");
                }
            }
        }
        finally
        {
            await me.DetachFeedAsync(reference).ContinueWith(_ => { }, TaskScheduler.Default);
            grains.DeleteObjectReference<IOperatorFeedObserver>(reference);
        }
    }

    private static SseItem<FeedEvent?> Item(FeedEvent feedEvent, DateTimeOffset position) =>
        new(feedEvent, "conversation") { EventId = position.ToString("O", CultureInfo.InvariantCulture) };

    private static async Task<IReadOnlyList<Persistence.Conversations.ConversationRecord>> ChangedSinceAsync(IReadModels read, Guid tenantId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // Every status, closed included: a chat closed while the operator was away must leave their screen too.
        var changed = new List<Persistence.Conversations.ConversationRecord>();
        InboxCursor? after = null;
        while (true)
        {
            var page = await read.QueryInboxAsync(new InboxQuery(tenantId, Enum.GetValues<Conversations.ConversationStatus>(), null, false, null, null, after, 200), cancellationToken);
            changed.AddRange(page.Where(r => r.LastActivityAt >= since));
            if (page.Count < 200 || page.All(r => r.LastActivityAt < since && r.Status != Conversations.ConversationStatus.WaitingForOperator))
            {
                return changed;
            }

            var last = page[^1];
            after = new InboxCursor(InboxCursor.RankOf(last.Status == Conversations.ConversationStatus.WaitingForOperator, last.WaitingSince, last.LastActivityAt), last.ConversationId);
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
