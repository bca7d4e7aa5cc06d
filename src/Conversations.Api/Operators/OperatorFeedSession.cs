using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Conversations.Abstractions.Operators;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Mappings;
using Conversations.Channels.Contracts;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Queries;
using Microsoft.Extensions.Logging;

namespace Conversations.Api.Operators;

/// <summary>
/// The feed protocol of one connection to <c>GET /api/v1/events</c> (described on <see cref="FeedEndpoints"/>): attach
/// to the operator's feed, replay what changed since the client's last position, then live events, with a catch-up
/// from the database every 20 s and at once when a silo dies. The operator's rights are checked again at each of
/// those moments and at once when their access changes: a stream opened before a new password, a new role or removal,
/// or one whose token has expired, ends with <c>signed-out</c>.
/// </summary>
internal sealed partial class OperatorFeedSession(IGrainFactory grains, IReadModels read, InboxRows rows, TimeProvider time, ClusterChanges cluster,
    AccessCache access, ILogger<OperatorFeedSession> logger)
{
    /// <summary>How often the stream renews its attachment, catches up from the database and checks the operator's rights.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);

    /// <summary>The event of a customer's typing or read mark (<see cref="FeedSignal"/>): never stored, carries no position.</summary>
    public const string SignalEvent = "signal";

    /// <summary>The event that ends a stream whose operator is no longer allowed to read it.</summary>
    public const string SignedOutEvent = "signed-out";

    /// <summary>How far before the last seen position a replay starts (covers changes committed out of order).</summary>
    public static readonly TimeSpan ReplayMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far back the catch-up looks after a silo died. Its queue of stream events may have held changes older than
    /// the newest one this feed saw (other queues went on delivering), so the usual window from the last seen position
    /// is not enough then.
    /// </summary>
    public static readonly TimeSpan DeathLookback = TimeSpan.FromMinutes(2);

    /// <summary>Rows per read of a catch-up.</summary>
    private const int CatchUpPage = 500;

    /// <summary>
    /// The events of one connection, until the client goes (<paramref name="requestAborted"/>) or the host stops
    /// (<paramref name="stopping"/>): then the sequence ends, so the response completes instead of holding up shutdown.
    /// </summary>
    public async IAsyncEnumerable<SseItem<object?>> EventsAsync(ClaimsPrincipal user, DateTimeOffset? resumeAt, CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken requestAborted = default)
    {
        var tenantId = user.TenantId();
        var operatorId = user.RequireOperatorId();
        var operatorKey = new OperatorKey(tenantId, operatorId);
        using var open = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        var observer = new OperatorFeedObserver();
        var reference = grains.CreateObjectReference<IOperatorFeedObserver>(observer);
        var me = grains.GetGrain<IOperatorGrain>(new OperatorKey(tenantId, operatorId).ToGrainKey());
        try
        {
            // Attach first, then replay: a change in between is seen twice rather than never.
            await me.AttachFeedAsync(reference);
            var sent = new SentPositions(resumeAt ?? time.GetUtcNow());
            yield return new SseItem<object?>(null, "ready");
            var replayedUpTo = resumeAt;
            if (resumeAt is { } since)
            {
                foreach (var row in await ChangedSinceAsync(tenantId, since - ReplayMargin, requestAborted))
                {
                    replayedUpTo = row.LastActivityAt > replayedUpTo ? row.LastActivityAt : replayedUpTo;
                    sent.Record(row.ConversationId, row.LastSeq, row.LastActivityAt);
                    yield return Item(new FeedEvent(row.ToInboxItem(time.GetUtcNow()), []), row.LastActivityAt);
                }
            }

            yield return new SseItem<object?>(null, "replayed") { EventId = replayedUpTo is { } upTo ? Position(upTo) : null };

            // Taken before the check, so a change in between ends the wait below at once.
            var accessChanged = access.ChangeSignal(operatorKey);
            if (!await IsAllowedAsync(user))
            {
                yield return new SseItem<object?>(null, SignedOutEvent);
                yield break;
            }

            while (!open.IsCancellationRequested)
            {
                var death = cluster.NextDeath;
                using var renewal = new CancellationTokenSource(RenewEvery, time); // the attachment expires after a minute
                using var renew = CancellationTokenSource.CreateLinkedTokenSource(open.Token, death, renewal.Token, accessChanged);
                while (await WaitAsync(observer, renew.Token))
                {
                    while (observer.Events.TryRead(out var change))
                    {
                        if (change.Signal is { } signal)
                        {
                            // Typing and read marks are not changes: no position, nothing to replay or catch up.
                            yield return new SseItem<object?>(new FeedSignal(signal.ConversationId, signal.Kind.ToContract(), signal.UpToSeq, signal.At), SignalEvent);
                            continue;
                        }

                        var row = await rows.FromAsync(change.Conversation);
                        sent.Record(change.Conversation.ConversationId, change.Conversation.LastSeq, change.Conversation.LastActivityAt);
                        yield return Item(new FeedEvent(row, [.. change.Messages.Select(m => m.ToContract(m.DeliveredByCommit()))]), change.Conversation.LastActivityAt);
                    }
                }

                if (open.IsCancellationRequested)
                {
                    break;
                }

                accessChanged = access.ChangeSignal(operatorKey);
                if (!await IsAllowedAsync(user))
                {
                    yield return new SseItem<object?>(null, SignedOutEvent);
                    yield break;
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

                foreach (var row in await ChangedSinceAsync(tenantId, checkFrom, requestAborted))
                {
                    if (sent.IsBehind(row.ConversationId, row.LastSeq))
                    {
                        sent.Record(row.ConversationId, row.LastSeq, row.LastActivityAt);
                        yield return Item(new FeedEvent(row.ToInboxItem(time.GetUtcNow()), []), row.LastActivityAt);
                    }
                }

                sent.Forget(checkFrom - ReplayMargin);
                yield return new SseItem<object?>(null, "ping");
            }
        }
        finally
        {
            await DetachAsync(me, reference, operatorId);
            grains.DeleteObjectReference<IOperatorFeedObserver>(reference);
        }
    }

    /// <summary>True while the token's operator still has the stamp and role it was issued with, and the token has not expired.</summary>
    private async ValueTask<bool> IsAllowedAsync(ClaimsPrincipal user)
    {
        var expires = user.FindFirstValue("exp") is { } exp && long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MaxValue;
        return expires > time.GetUtcNow() && await access.IsCurrentAsync(user);
    }

    /// <summary>Detaches at the end of the connection; a failure only leaves the attachment to expire by itself within a minute.</summary>
    private async Task DetachAsync(IOperatorGrain me, IOperatorFeedObserver reference, Guid operatorId)
    {
        try
        {
            await me.DetachFeedAsync(reference);
        }
        catch (Exception exception)
        {
            LogDetachFailed(logger, exception, operatorId);
        }
    }

    private static SseItem<object?> Item(FeedEvent feedEvent, DateTimeOffset position) =>
        new(feedEvent, "conversation") { EventId = Position(position) };

    private static string Position(DateTimeOffset position) => position.ToString("O", CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<ConversationRecord>> ChangedSinceAsync(Guid tenantId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // Every status, closed included: a chat closed while the operator was away must leave their screen too. An
        // indexed read of what changed (conversations_changed), in pages, oldest change first.
        var changed = new List<ConversationRecord>();
        ChangedCursor? after = null;
        while (true)
        {
            var page = await read.ChangedSinceAsync(tenantId, since, after, CatchUpPage, cancellationToken);
            changed.AddRange(page);
            if (page.Count < CatchUpPage)
            {
                return changed;
            }

            after = ChangedCursor.After(page[^1]);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Detaching the live feed of operator {OperatorId} failed; the attachment expires by itself")]
    private static partial void LogDetachFailed(ILogger logger, Exception exception, Guid operatorId);
}
