using System.Security.Claims;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Subscriptions;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Outbound;
using Conversations.Persistence.Subscriptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.Outbound;

/// <summary>
/// A customer's consents and opt-outs per subscription topic (<c>/api/v1/customers/{id}/subscriptions</c>): read them,
/// and record ones the business collected itself. Opt-outs by the unsubscribe button or keyword are recorded by the
/// conversation that received them.
/// </summary>
public static class SubscriptionEndpoints
{
    private const int RecordsShown = 200;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSubscriptionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/customers/{id:guid}/subscriptions").WithTags("Messages the business starts").RequireAuthorization(AuthExtensions.OperatorPolicy);
        api.MapGet("", GetAsync)
            .WithSummary("A customer's subscriptions: each of the tenant's topics (opted out or not) and every consent and opt-out recorded, with time and source")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("", RecordAsync).RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("Record a consent or opt-out the business collected itself (a topic key, or * for all marketing)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The tenant's topic named by <paramref name="key"/> in a request's <c>topic</c>, or a 400 naming the field.</summary>
    internal static SubscriptionTopic TopicOf(string key, TenantSettings settings) =>
        settings.Topic(key.Trim()) ?? throw DomainException.Invalid(
            $"topic: '{key}' is not one of the tenant's subscription topics ({(settings.SubscriptionTopics is { Count: > 0 } topics ? string.Join(", ", topics.Select(t => t.Key)) : "it has none")}); admins add them under subscriptionTopics in the settings.");

    private static async Task<Ok<CustomerSubscriptions>> GetAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, ISubscriptionLedger ledger)
    {
        var tenant = user.TenantId();
        await EnsureCustomerAsync(tenant, id, grains);
        return TypedResults.Ok(await ViewAsync(tenant, id, await grains.GetGrain<ITenantGrain>(tenant).GetSettingsAsync(), ledger));
    }

    private static async Task<Created<CustomerSubscriptions>> RecordAsync(Guid id, RecordSubscriptionRequest request, ClaimsPrincipal user, IGrainFactory grains,
        ISubscriptionLedger ledger, TimeProvider time)
    {
        var tenant = user.TenantId();
        var settings = await grains.GetGrain<ITenantGrain>(tenant).GetSettingsAsync();
        var topic = request.Topic?.Trim() is SubscriptionTopic.AllMarketing ? SubscriptionTopic.AllMarketing
            : request.Topic is { } key ? TopicOf(key, settings).Key
            : throw DomainException.Invalid("topic: one of the tenant's topic keys, or * for every marketing topic, is required.");
        var subscribed = request.Subscribed ?? throw DomainException.Invalid("subscribed: true (a consent) or false (an opt-out) is required.");
        var source = request.Source?.Trim();
        if (source is not null && (source.Length is 0 or > 64 || source.Any(char.IsControl)))
        {
            throw DomainException.Invalid("source: 1 to 64 printable characters (where the business collected it, e.g. checkout).");
        }

        await EnsureCustomerAsync(tenant, id, grains);
        await ledger.AppendAsync(new Persistence.Subscriptions.SubscriptionRecord(tenant, id, topic, subscribed, source is null ? "api" : "api:" + source, time.GetUtcNow()));
        return TypedResults.Created($"/api/v1/customers/{id}/subscriptions", await ViewAsync(tenant, id, settings, ledger));
    }

    private static async Task EnsureCustomerAsync(Guid tenant, Guid id, IGrainFactory grains)
    {
        if (await grains.GetGrain<ICustomerGrain>(new CustomerKey(tenant, id).ToGrainKey()).GetProfileAsync() is null)
        {
            throw DomainException.NotFound("No such customer.");
        }
    }

    private static async Task<CustomerSubscriptions> ViewAsync(Guid tenant, Guid id, TenantSettings settings, ISubscriptionLedger ledger)
    {
        var topics = new List<TopicSubscription>();
        foreach (var topic in settings.SubscriptionTopics ?? [])
        {
            topics.Add(new TopicSubscription(topic.Key, topic.Marketing, await ledger.IsOptedOutAsync(tenant, id, topic.Key, topic.Marketing)));
        }

        var records = await ledger.ReadAsync(tenant, id, RecordsShown);
        return new CustomerSubscriptions(topics, [.. records.Select(r => new SubscriptionRecordView(r.Topic, r.Subscribed, r.Source, r.At))]);
    }
}
