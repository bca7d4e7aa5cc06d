using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Auth;
using Conversations.Api.Contracts;
using Conversations.Api.Contracts.EventsOut;
using Conversations.Channels.EventsOut;
using Conversations.Channels.Outbound;
using Conversations.Persistence.EventsOut;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.EventsOut;

/// <summary>
/// Events out (<c>/api/v1/admin/webhooks</c>): a tenant admin subscribes endpoints to event types, reads each
/// subscription's delivery log (attempts, status codes, latency) and queues a delivery again.
/// </summary>
public static class WebhookSubscriptionEndpoints
{
    private const int DefaultPage = 50;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapWebhookSubscriptionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/webhooks").WithTags("Events out").RequireAuthorization(AuthExtensions.AdminPolicy);
        var writes = api.MapGroup("").RequireRateLimiting(AuthExtensions.WriteLimit);
        api.MapGet("/event-types", () => TypedResults.Ok(WebhookEventTypes.All)).WithSummary("The event types a subscription can name");
        api.MapGet("", ListAsync).WithSummary("The tenant's webhook subscriptions (secrets masked)")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        writes.MapPost("", CreateAsync).WithSummary("Subscribe an endpoint to event types; the answer shows its signing secret, once")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        writes.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Remove a subscription and its queued deliveries")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/deliveries", DeliveriesAsync)
            .WithSummary("A subscription's delivery log, newest first: each event's status, attempts, status codes and latency")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", RedeliverAsync)
            .WithSummary("Queue a delivery again, due now (in its conversation's order: events after it wait for it)")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        writes.MapPost("/{id:guid}/test", TestSubscriptionAsync)
            .WithSummary("Send a signed test event (webhook.test) to a subscription's endpoint now and answer how it went")
            .WithDescription("The endpoint's status code and the latency, or what failed (a code and plain words). Nothing is queued, retried or logged as a delivery.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapGroup("/api/v1/admin/settings/webhook").WithTags("Events out").RequireAuthorization(AuthExtensions.AdminPolicy)
            .RequireRateLimiting(AuthExtensions.WriteLimit)
            .MapPost("/test", TestNotificationWebhookAsync)
            .WithSummary("Send a signed test event (webhook.test) to the notification webhook of the settings now and answer how it went")
            .WithDescription("Signed with the settings' webhook secret. 409 when the settings have no webhook URL.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Ok<WebhookTestResult>> TestSubscriptionAsync(Guid id, ClaimsPrincipal user, IWebhookStore store, WebhookTester tester, HttpContext http)
    {
        var tenant = user.TenantId();
        var subscription = (await store.ListSubscriptionsAsync(tenant, http.RequestAborted)).FirstOrDefault(s => s.Id == id) ?? throw NoSuchSubscription();
        return TypedResults.Ok(await tester.SendAsync(tenant, subscription.Url, subscription.Secret, http.RequestAborted));
    }

    private static async Task<Ok<WebhookTestResult>> TestNotificationWebhookAsync(ClaimsPrincipal user, IGrainFactory grains, WebhookTester tester, HttpContext http)
    {
        var tenant = user.TenantId();
        var settings = await grains.GetGrain<ITenantGrain>(tenant).GetSettingsAsync();
        if (settings is not { NotificationWebhookUrl: { Length: > 0 } url, WebhookSecret: { Length: > 0 } secret })
        {
            throw DomainException.Conflict("notificationWebhookUrl: the settings have no webhook URL; save one first.");
        }

        return TypedResults.Ok(await tester.SendAsync(tenant, url, secret, http.RequestAborted));
    }

    private static async Task<Ok<IReadOnlyList<WebhookSubscriptionInfo>>> ListAsync(ClaimsPrincipal user, IWebhookStore store) =>
        TypedResults.Ok<IReadOnlyList<WebhookSubscriptionInfo>>([.. (await store.ListSubscriptionsAsync(user.TenantId())).Select(s =>
            new WebhookSubscriptionInfo(s.Id, s.Url, s.Events, "…" + s.Secret[^4..], s.CreatedAt))]);

    private static async Task<Created<WebhookSubscriptionCreated>> CreateAsync(CreateWebhookSubscriptionRequest request, ClaimsPrincipal user,
        IWebhookStore store, OutboundUrlPolicy outbound, IIdGenerator ids, TimeProvider time)
    {
        var url = request.Url?.Trim() ?? "";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || url.Length > FieldLimits.Url)
        {
            throw DomainException.Invalid($"$.url: an absolute https URL of at most {FieldLimits.Url} characters is required.");
        }

        if (outbound.ProblemWith(url) is { } problem)
        {
            throw DomainException.Invalid($"$.url: {problem}");
        }

        var events = EventsOf(request.Events);
        var tenant = user.TenantId();
        if ((await store.ListSubscriptionsAsync(tenant)).Count >= FieldLimits.WebhookSubscriptions)
        {
            throw DomainException.Conflict($"A tenant has at most {FieldLimits.WebhookSubscriptions} webhook subscriptions; remove one first.");
        }

        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var subscription = new WebhookSubscription(tenant, ids.NewId(), url, secret, events, time.GetUtcNow());
        await store.AddSubscriptionAsync(subscription);
        return TypedResults.Created($"/api/v1/admin/webhooks/{subscription.Id}",
            new WebhookSubscriptionCreated(subscription.Id, url, events, secret, subscription.CreatedAt));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, ClaimsPrincipal user, IWebhookStore store) =>
        await store.RemoveSubscriptionAsync(user.TenantId(), id) ? TypedResults.NoContent() : throw NoSuchSubscription();

    private static async Task<Ok<IReadOnlyList<WebhookDeliveryInfo>>> DeliveriesAsync(Guid id, ClaimsPrincipal user, IWebhookStore store,
        [Range(1, FieldLimits.WebhookDeliveriesPage)] int? limit = null)
    {
        if (limit is < 1 or > FieldLimits.WebhookDeliveriesPage)
        {
            throw DomainException.Invalid($"limit: 1 to {FieldLimits.WebhookDeliveriesPage}.");
        }

        var log = await store.ListDeliveriesAsync(user.TenantId(), id, limit ?? DefaultPage) ?? throw NoSuchSubscription();
        return TypedResults.Ok<IReadOnlyList<WebhookDeliveryInfo>>([.. log.Select(d => new WebhookDeliveryInfo(d.Id, d.EventId, d.EventType,
            d.Status.ToString().ToLowerInvariant(), d.CreatedAt, d.NextAttemptAt,
            [.. d.Attempts.Select(a => new WebhookAttemptInfo(a.Number, a.At, a.StatusCode, a.LatencyMs, a.Error))],
            JsonDocument.Parse(d.Payload).RootElement.Clone()))]);
    }

    private static async Task<Accepted> RedeliverAsync(Guid id, Guid deliveryId, ClaimsPrincipal user, IWebhookStore store, TimeProvider time) =>
        await store.RedeliverAsync(user.TenantId(), id, deliveryId, time.GetUtcNow())
            ? TypedResults.Accepted($"/api/v1/admin/webhooks/{id}/deliveries")
            : throw DomainException.NotFound("No such delivery of this subscription.");

    /// <summary>1 to 20 known event types, each once.</summary>
    private static List<string> EventsOf(IReadOnlyList<string>? requested)
    {
        if (requested is not { Count: > 0 and <= FieldLimits.WebhookEventTypes })
        {
            throw DomainException.Invalid($"$.events: 1 to {FieldLimits.WebhookEventTypes} event types are required.");
        }

        var events = new List<string>();
        for (var i = 0; i < requested.Count; i++)
        {
            var name = requested[i]?.Trim() ?? "";
            if (!WebhookEventTypes.All.Contains(name))
            {
                throw DomainException.Invalid($"$.events[{i}]: '{(name.Length > 64 ? name[..64] : name)}' is not an event type; they are: {string.Join(", ", WebhookEventTypes.All)}.");
            }

            if (!events.Contains(name))
            {
                events.Add(name);
            }
        }

        return events;
    }

    private static DomainException NoSuchSubscription() => DomainException.NotFound("No such webhook subscription.");
}
