using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Validation;

namespace Conversations.Api.Contracts.EventsOut;

/// <summary>A new endpoint for the tenant's events (<c>POST /api/v1/admin/webhooks</c>).</summary>
/// <param name="Url">Where events are POSTed: an absolute http(s) URL outside our network (https in production).</param>
/// <param name="Events">The event types it hears (1 to 20, from <c>GET /api/v1/admin/webhooks/event-types</c>).</param>
public sealed record CreateWebhookSubscriptionRequest(
    [property: Required, MaxLength(FieldLimits.Url)] string Url,
    [property: Required, MinLength(1), MaxLength(FieldLimits.WebhookEventTypes), EachMaxLength(FieldLimits.ShortText)] IReadOnlyList<string> Events);
