using System.Security.Claims;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Customers;
using Conversations.Api.Contracts.Messages;
using Conversations.Api.Mappings;
using Conversations.Persistence.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using CustomerRecord = Conversations.Api.Contracts.Customers.CustomerRecord;

namespace Conversations.Api.Operators;

/// <summary>Finding customers (name, username, phone, e-mail) and words in messages (any word form), within the tenant.</summary>
public static class SearchEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Search").RequireAuthorization(AuthExtensions.OperatorPolicy);
        api.MapGet("/customers", CustomersAsync).WithSummary("Customers by name, username, phone or e-mail");
        api.MapGet("/customers/{id:guid}", CustomerAsync).WithSummary("A customer's profile and conversations on every channel");
        api.MapGet("/search/messages", MessagesAsync).WithSummary("Full-text search in messages (Russian and English word forms), ranked, with highlights");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CustomerRecord>>> CustomersAsync(string? q, ClaimsPrincipal user, IReadModels read, int limit = 20) =>
        TypedResults.Ok<IReadOnlyList<CustomerRecord>>([.. (await read.SearchCustomersAsync(user.TenantId(), Needle(q, 2), Limit(limit))).Select(c => c.ToContract())]);

    private static async Task<Ok<CustomerDetail>> CustomerAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, IReadModels read, TimeProvider time)
    {
        var profile = await grains.GetGrain<ICustomerGrain>(new CustomerKey(user.TenantId(), id).ToGrainKey()).GetProfileAsync()
            ?? throw DomainException.NotFound("No such customer.");
        // The id of a merged customer answers its survivor (profile.CustomerId), with the survivor's conversations.
        var conversations = await read.ListCustomerConversationsAsync(user.TenantId(), profile.CustomerId, 50);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new CustomerDetail(profile.ToContract(), [.. conversations.Select(c => c.ToInboxItem(now))]));
    }

    private static async Task<Ok<IReadOnlyList<MessageSearchResult>>> MessagesAsync(string? q, ClaimsPrincipal user, IReadModels read, Guid? customerId = null, int limit = 20)
    {
        var hits = await read.SearchMessagesAsync(user.TenantId(), Needle(q, 2), customerId, Limit(limit));
        return TypedResults.Ok<IReadOnlyList<MessageSearchResult>>([.. hits.Select(h => new MessageSearchResult(h.Message.ToContract(), h.CustomerId, h.Rank, h.Highlight))]);
    }

    private static string Needle(string? q, int minLength) =>
        q?.Trim() is { Length: var length } text && length >= minLength && length <= 200
            ? text
            : throw DomainException.Invalid($"q is required: {minLength} to 200 characters.");

    private static int Limit(int limit) => limit is >= 1 and <= 100 ? limit : throw DomainException.Invalid("limit is between 1 and 100.");
}
