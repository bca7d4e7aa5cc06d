using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Outbound;
using Conversations.Api.Auth;
using Conversations.Api.Contracts;
using Conversations.Api.Contracts.Outbound;
using Conversations.Api.Mappings;
using Conversations.Api.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Persistence.Outbox;
using Conversations.Persistence.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.Outbound;

/// <summary>
/// Messages the business starts (<c>/api/v1/messages</c>): its CRM notifies a customer of an order change, within each
/// channel's rules, with an <c>Idempotency-Key</c> so a retried call never sends twice; and reads where any outbound
/// message of the tenant is.
/// </summary>
public static class BusinessMessageEndpoints
{
    /// <summary>The header that makes a send idempotent.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapBusinessMessageApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/messages").WithTags("Messages the business starts").RequireAuthorization(AuthExtensions.OperatorPolicy);
        api.MapPost("", SendAsync).RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("Send a message the business starts to a customer (by id, external id or channel identity), judged by each channel's rules; the same Idempotency-Key sends once")
            .WithDescription("With `topic`, a customer who opted out of it is refused (422, rule `topic.unsubscribed`), and a marketing topic's message carries an " +
                "unsubscribe button (or a line with the keyword). With `sendAt`, the message is scheduled (202) and sent at that time through the same path, " +
                "its channel rules and opt-outs judged then; `GET`/`DELETE /api/v1/messages/scheduled/{id}` read and cancel it.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/{id:guid}", GetAsync)
            .WithSummary("Where an outbound message of the tenant is: pending, sending, sent, delivered, read, failed or blocked")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Created<BusinessMessageAccepted>, Ok<BusinessMessageAccepted>, Accepted<ScheduledBusinessMessage>>> SendAsync(
        SendBusinessMessageRequest request, [FromHeader(Name = IdempotencyHeader), MaxLength(FieldLimits.IdempotencyKey)] string? idempotencyKey, ClaimsPrincipal user,
        IGrainFactory grains, IScheduledMessageStore schedule, TimeProvider time, IIdGenerator ids)
    {
        var key = IdempotencyKeyOf(idempotencyKey);
        var tenant = user.TenantId();
        var content = await ContentAsync(request, grains, tenant);
        var customerId = await CustomerIdAsync(request, grains, tenant);
        var channels = ChannelsOf(request.Channels);
        var tag = request.MessageTag?.Trim();
        if (tag is { Length: 0 })
        {
            tag = null;
        }

        var settings = request.Topic is not null || request.SendAt is not null ? await grains.GetGrain<ITenantGrain>(tenant).GetSettingsAsync() : null;
        var topic = request.Topic is { } topicKey ? SubscriptionEndpoints.TopicOf(topicKey, settings!) : null;
        var message = new BusinessMessage(key, content, channels, tag, topic);
        if (request.SendAt is { } sendAt)
        {
            // A repeated key answers 202 too, with duplicate: true (200 stays the immediate send's repeat).
            var scheduled = await ScheduledMessageEndpoints.ScheduleAsync(tenant, customerId, message, sendAt, request.WithinWorkingHours ?? false,
                settings!, schedule, grains, time, ids);
            return TypedResults.Accepted($"/api/v1/messages/scheduled/{scheduled.Id}", scheduled);
        }

        if (request.WithinWorkingHours is not null)
        {
            throw DomainException.Invalid("withinWorkingHours: only with sendAt (a message without sendAt goes now).");
        }

        var result = await grains.GetGrain<ICustomerGrain>(new CustomerKey(tenant, customerId).ToGrainKey()).SendBusinessMessageAsync(message);
        var accepted = new BusinessMessageAccepted(result.MessageId, result.CustomerId, result.ConversationId,
            (Contracts.Channels.ChannelKind?)result.Channel, result.Rule, result.Duplicate);
        return result.Duplicate ? TypedResults.Ok(accepted) : TypedResults.Created($"/api/v1/messages/{result.MessageId}", accepted);
    }

    private static async Task<Ok<BusinessMessageDelivery>> GetAsync(Guid id, ClaimsPrincipal user, IOutboxStore outbox)
    {
        var found = await outbox.FindMessageAsync(user.TenantId(), id) ?? throw DomainException.NotFound("No such outbound message.");
        return TypedResults.Ok(new BusinessMessageDelivery(id, found.ConversationId, (Contracts.Channels.ChannelKind)found.Channel,
            found.Delivery.ToContract(), found.CreatedAt));
    }

    /// <summary>The header's key: required, 1 to 255 printable ASCII characters (a UUID is a good one).</summary>
    internal static string IdempotencyKeyOf(string? header)
    {
        var key = header?.Trim() ?? "";
        if (key.Length is 0 or > FieldLimits.IdempotencyKey || key.Any(c => c is < '!' or > '~'))
        {
            throw DomainException.Invalid($"{IdempotencyHeader}: a header of 1 to {FieldLimits.IdempotencyKey} printable ASCII characters is required (a new UUID per message; the same one when retrying it).");
        }

        return key;
    }

    /// <summary>Exactly one of text (with optional buttons) and template.</summary>
    private static Task<MessageContent> ContentAsync(SendBusinessMessageRequest request, IGrainFactory grains, Guid tenant) =>
        ContentOfAsync(request.Text, request.Buttons, request.Template, grains, tenant, "");

    /// <summary>
    /// Exactly one of text (with optional buttons) and template; problems name the field under <paramref name="prefix"/>
    /// (e.g. <c>contents[1].</c>).
    /// </summary>
    internal static async Task<MessageContent> ContentOfAsync(string? text, IReadOnlyList<Contracts.Messages.Button>? buttons, Contracts.Messages.SendTemplate? template,
        IGrainFactory grains, Guid tenant, string prefix)
    {
        if ((text is null) == (template is null))
        {
            throw DomainException.Invalid($"{prefix}Send exactly one of: text (with optional buttons), template.");
        }

        if (template is not null)
        {
            if (buttons is not null)
            {
                throw DomainException.Invalid($"{prefix}buttons: a template carries the buttons it was approved with; send buttons with a text.");
            }

            return await ConversationEndpoints.TemplateAsync(template, grains, tenant);
        }

        var trimmed = text!.Trim();
        if (trimmed.Length == 0)
        {
            throw DomainException.Invalid($"{prefix}text: 1 to 4096 characters are required.");
        }

        if (buttons is null)
        {
            return new TextContent(trimmed);
        }

        for (var i = 0; i < buttons.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(buttons[i]?.Label) || (buttons[i].Payload is null) == (buttons[i].Url is null))
            {
                throw DomainException.Invalid($"{prefix}buttons[{i}]: a label and exactly one of payload, url are required.");
            }
        }

        return new TextContent(trimmed, [.. buttons.Select(b => new Button(b.Label.Trim(), b.Payload, b.Url))]);
    }

    /// <summary>Exactly one way of naming the customer, who must exist in the caller's tenant.</summary>
    private static async Task<Guid> CustomerIdAsync(SendBusinessMessageRequest request, IGrainFactory grains, Guid tenant)
    {
        var ways = new[] { request.CustomerId is not null, request.ExternalId is not null, request.Identity is not null }.Count(w => w);
        if (ways != 1)
        {
            throw DomainException.Invalid("Name the customer by exactly one of: customerId, externalId, identity.");
        }

        if (request.CustomerId is { } id)
        {
            return id;
        }

        if (request.ExternalId is { } externalId)
        {
            if (CustomerUpsertMappings.ExternalIdProblem(externalId) is { } problem)
            {
                throw DomainException.Invalid($"externalId: {problem}");
            }

            return await grains.GetGrain<IExternalCustomerGrain>(ExternalCustomerKey.ToGrainKey(tenant, externalId)).GetCustomerIdAsync()
                ?? throw DomainException.NotFound($"externalId: no customer has the external id '{externalId}'.");
        }

        var identity = request.Identity!;
        if (!Enum.IsDefined(identity.Channel) || string.IsNullOrWhiteSpace(identity.Account) || string.IsNullOrWhiteSpace(identity.UserId))
        {
            throw DomainException.Invalid("identity: channel, account and userId are required.");
        }

        var key = new ChannelIdentityKey(tenant, identity.Channel.ToDomain(), identity.Account.Trim(), identity.UserId.Trim());
        return await grains.GetGrain<IChannelIdentityGrain>(key.ToGrainKey()).GetCustomerIdAsync()
            ?? throw DomainException.NotFound($"identity: no customer has written from {identity.Channel} account {identity.Account} as {identity.UserId}.");
    }

    /// <summary>The caller's channels in order, each once; a value that is not a channel is a 400 naming it.</summary>
    internal static IReadOnlyList<ChannelKind> ChannelsOf(IReadOnlyList<Contracts.Channels.ChannelKind>? requested)
    {
        var channels = requested ?? [];
        for (var i = 0; i < channels.Count; i++)
        {
            if (!Enum.IsDefined(channels[i]))
            {
                throw DomainException.Invalid($"channels[{i}]: not a channel.");
            }
        }

        return [.. channels.Select(c => c.ToDomain()).Distinct()];
    }
}
