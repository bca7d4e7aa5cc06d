using System.Security.Claims;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Customers;
using Conversations.Channels.Linking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.Operators;

/// <summary>
/// "Continue in messenger" links for a customer (<c>POST /api/v1/customers/{id}/continue-links</c>), for an operator to
/// send the customer (or an integration to show them): whoever opens one in a messenger becomes that customer.
/// </summary>
public static class ContinueLinkEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapContinueLinkApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/customers").WithTags("Customers").RequireAuthorization(AuthExtensions.OperatorPolicy)
            .MapPost("/{id:guid}/continue-links", CreateAsync).RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("A one-time token (an hour, single use) and deep links into the tenant's messengers that carry it: who opens one becomes this customer")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Created<ContinueLinks>> CreateAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, ContinueLinkIssuer issuer)
    {
        var tenant = user.TenantId();
        var profile = await grains.GetGrain<ICustomerGrain>(new CustomerKey(tenant, id).ToGrainKey()).GetProfileAsync()
            ?? throw DomainException.NotFound("No such customer.");
        var links = await issuer.IssueAsync(tenant, profile.CustomerId);
        return TypedResults.Created(default(string), links);
    }
}
