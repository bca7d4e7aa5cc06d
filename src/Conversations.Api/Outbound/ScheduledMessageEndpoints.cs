using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Outbound;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Outbound;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.Outbound;

/// <summary>
/// Messages the business schedules (<c>POST /api/v1/messages</c> with <c>sendAt</c>): stored in the one due-time index
/// the silos poll (<c>ScheduledMessageDispatcher</c>), read and cancelled at <c>/api/v1/messages/scheduled/{id}</c>.
/// </summary>
public static partial class ScheduledMessageEndpoints
{
    /// <summary>How far ahead a message may be scheduled.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(366);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapScheduledMessageApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/messages/scheduled").WithTags("Messages the business starts").RequireAuthorization(AuthExtensions.OperatorPolicy);
        api.MapGet("/{id:guid}", GetAsync)
            .WithSummary("A scheduled message: scheduled, sending, sent (with the message id), refused (with the rule), cancelled or failed")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{id:guid}", CancelAsync).RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("Cancel a scheduled message that has not gone yet (409 once it is being sent or was sent)")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>
    /// Schedules <paramref name="message"/> for the customer at <paramref name="sendAt"/> (see
    /// <see cref="SendBusinessMessageRequest.SendAt"/>); the same idempotency key answers the one scheduled before.
    /// </summary>
    internal static async Task<ScheduledBusinessMessage> ScheduleAsync(Guid tenant, Guid customerId, BusinessMessage message, string sendAt,
        bool withinWorkingHours, TenantSettings settings, IScheduledMessageStore store, IGrainFactory grains, TimeProvider time, IIdGenerator ids)
    {
        var now = time.GetUtcNow();
        var at = SendAtOf(sendAt, settings.WorkingHours);
        if (at > now + MaxAhead)
        {
            throw DomainException.Invalid($"sendAt: at most {MaxAhead.TotalDays:0} days ahead.");
        }

        if (at < now - TimeSpan.FromDays(1))
        {
            throw DomainException.Invalid("sendAt: more than a day in the past; leave sendAt out to send now.");
        }

        if (withinWorkingHours && !settings.WorkingHours.IsOpen(at))
        {
            at = settings.WorkingHours.NextOpening(at) ?? at;
        }

        if (await grains.GetGrain<ICustomerGrain>(new CustomerKey(tenant, customerId).ToGrainKey()).GetProfileAsync() is null)
        {
            throw DomainException.NotFound("customerId: no such customer.");
        }

        var (row, created) = await store.AddAsync(new ScheduledMessage(tenant, ids.NewId(), customerId, message.IdempotencyKey,
            MessageJson.Serialize(message.Content), message.Channels, message.MessageTag, message.Topic?.Key, at.ToUniversalTime(), at.ToUniversalTime(),
            ScheduledMessageStatus.Scheduled, 0, null, null, null, now));
        return View(row, duplicate: !created);
    }

    private static async Task<Ok<ScheduledBusinessMessage>> GetAsync(Guid id, ClaimsPrincipal user, IScheduledMessageStore store) =>
        TypedResults.Ok(View(await store.FindAsync(user.TenantId(), id) ?? throw DomainException.NotFound("No such scheduled message."), false));

    private static async Task<Ok<ScheduledBusinessMessage>> CancelAsync(Guid id, ClaimsPrincipal user, IScheduledMessageStore store)
    {
        var row = await store.CancelAsync(user.TenantId(), id) ?? throw DomainException.NotFound("No such scheduled message.");
        return row.Status == ScheduledMessageStatus.Cancelled
            ? TypedResults.Ok(View(row, false))
            : throw DomainException.Conflict($"The scheduled message is {row.Status.ToString().ToLowerInvariant()}: too late to cancel it.");
    }

    /// <summary>
    /// An ISO 8601 time: with an offset (or Z) that instant; without one, a wall-clock time in the tenant's time zone
    /// (one that the clock skips at a daylight-saving change is refused).
    /// </summary>
    internal static DateTimeOffset SendAtOf(string text, WorkingHours hours)
    {
        var value = text.Trim();
        const string Expected = "sendAt: an ISO 8601 date and time, e.g. 2026-12-08T09:00 (the tenant's time zone) or 2026-12-08T09:00:00+03:00.";
        if (value.Length is < 16 or > 40 || value[10] is not ('T' or 't'))
        {
            throw DomainException.Invalid(Expected);
        }

        if (WithOffset().IsMatch(value))
        {
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)
                ? exact
                : throw DomainException.Invalid(Expected);
        }

        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) || local.Kind != DateTimeKind.Unspecified)
        {
            throw DomainException.Invalid(Expected);
        }

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(hours.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        if (zone.IsInvalidTime(local))
        {
            throw DomainException.Invalid($"sendAt: {value} does not exist in {zone.Id} (the clock skips it); give another time or an offset.");
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static ScheduledBusinessMessage View(ScheduledMessage row, bool duplicate) => new(row.Id, row.CustomerId, row.SendAt, row.Status.ToString(), row.Rule,
        row.Detail, row.MessageId, row.Topic, [.. row.Channels.Select(c => (Contracts.Channels.ChannelKind)c)], row.CreatedAt, duplicate);

    [GeneratedRegex(@"([zZ]|[+-]\d{2}:?\d{2})$")]
    private static partial Regex WithOffset();
}
