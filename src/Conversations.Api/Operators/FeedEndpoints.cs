using System.Globalization;
using System.Security.Claims;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Conversations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

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
/// <item><c>signal</c> (a <see cref="FeedSignal"/>): a customer is typing or has read up to a message. Never stored,
/// never replayed, no id (it does not move the position).</item>
/// <item><c>ping</c> (no data): a keep-alive every 20 s.</item>
/// <item><c>signed-out</c> (no data): the operator's password or role changed, they were removed, or the token expired;
/// the stream ends. Sign in again (a reconnect with the old token is refused with 401).</item>
/// </list>
/// Every 20 s, and at once when a silo of the cluster dies, the stream also checks the database for conversations
/// that changed since its last event without reaching it (an event lost with a dead silo) and sends them as
/// <c>conversation</c> events without messages; their sequence numbers show the client what to fetch.
/// The stream ends (cleanly) when the host shuts down; the client reconnects to another silo and resumes.
/// </summary>
public static class FeedEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events", Stream).WithTags("Real-time").RequireAuthorization(AuthExtensions.OperatorPolicy)
            .WithSummary("Live feed (server-sent events) of the tenant's conversations; resumes after Last-Event-ID")
            .WithDescription("Events: 'ready' once subscribed; 'conversation' (a FeedEvent, id = feed position); 'replayed' once the replay " +
                "of the conversations changed since Last-Event-ID (or ?since=) is over, its id the position to resume from; " +
                "'signal' (a FeedSignal: {conversationId, kind: Typing|Read, upToSeq, at}) when a customer is typing or has read up to a message, " +
                "live only (never stored or replayed, no id); " +
                "'ping' every 20 s; 'signed-out' when the operator's password or role changed, they were removed or the token expired (the stream " +
                "ends: sign in again). The stream ends when the server shuts down: reconnect with Last-Event-ID.");
        return app;
    }

    private static IResult Stream(HttpContext http, ClaimsPrincipal user, OperatorFeedSession session, IHostApplicationLifetime lifetime, string? since = null)
    {
        var resume = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastId ? lastId : since;
        DateTimeOffset? resumeAt = DateTimeOffset.TryParse(resume, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var position)
            ? position
            : null;
        http.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(session.EventsAsync(user, resumeAt, lifetime.ApplicationStopping));
    }
}
