using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Outbound;
using Conversations.Api.Auth;
using Conversations.Api.Contracts;
using Conversations.Api.Contracts.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.Outbound;

/// <summary>
/// Business events that start flows (<c>POST /api/v1/customers/{id}/events</c>): the CRM says <c>order_delivered</c>,
/// and the scenario's entry point for it (the survey after a delivery) runs on the customer's channel, chosen and judged
/// by the same channel rules as a message the business starts.
/// </summary>
public static partial class CustomerEventEndpoints
{
    private const int MaxDataValue = 1000;

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapCustomerEventApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/customers/{id:guid}/events", SendAsync).WithTags("Messages the business starts")
            .RequireAuthorization(AuthExtensions.OperatorPolicy).RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("Tell the bot a business event happened to the customer (order_delivered): the scenario's entry point for it runs, judged by each channel's rules; the same Idempotency-Key starts it once")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Created<BusinessMessageAccepted>, Ok<BusinessMessageAccepted>>> SendAsync(Guid id, SendCustomerEventRequest request,
        [FromHeader(Name = BusinessMessageEndpoints.IdempotencyHeader), MaxLength(FieldLimits.IdempotencyKey)] string? idempotencyKey,
        ClaimsPrincipal user, IGrainFactory grains, IIdGenerator ids)
    {
        // Without a key every call starts the flow; with one, a retried call starts it once.
        var key = idempotencyKey is null ? "event:" + ids.NewId().ToString("N") : "event:" + BusinessMessageEndpoints.IdempotencyKeyOf(idempotencyKey);
        var businessEvent = new BusinessEvent(NameOf(request.Name), DataOf(request.Data));
        var channels = BusinessMessageEndpoints.ChannelsOf(request.Channels);
        var result = await grains.GetGrain<ICustomerGrain>(new CustomerKey(user.TenantId(), id).ToGrainKey())
            .SendBusinessMessageAsync(new BusinessMessage(key, new TextContent(businessEvent.Name), channels, Event: businessEvent));
        var accepted = new BusinessMessageAccepted(result.MessageId, result.CustomerId, result.ConversationId,
            (Contracts.Channels.ChannelKind?)result.Channel, result.Rule, result.Duplicate);
        return result.Duplicate ? TypedResults.Ok(accepted) : TypedResults.Created($"/api/v1/conversations/{result.ConversationId}", accepted);
    }

    private static string NameOf(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return EventName().IsMatch(trimmed)
            ? trimmed
            : throw DomainException.Invalid("$.name: 1 to 64 latin letters, digits, '_', '-' or '.' are required (the name the scenario's \"events\" binds).");
    }

    private static Dictionary<string, string> DataOf(IReadOnlyDictionary<string, string>? data)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in data ?? new Dictionary<string, string>())
        {
            if (!FieldName().IsMatch(name))
            {
                throw DomainException.Invalid($"$.data: '{(name.Length > 64 ? name[..64] : name)}' is not a field name (1 to 64 latin letters, digits or '_').");
            }

            if (value is null || value.Length > MaxDataValue)
            {
                throw DomainException.Invalid($"$.data.{name}: a text of at most {MaxDataValue} characters is required.");
            }

            fields[name] = value;
        }

        return fields;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex EventName();

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex FieldName();
}
