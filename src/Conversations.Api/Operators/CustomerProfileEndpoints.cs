using System.Security.Claims;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Customers;
using Conversations.Api.Mappings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using CustomerProfile = Conversations.Api.Contracts.Customers.CustomerProfile;

namespace Conversations.Api.Operators;

/// <summary>
/// Operators edit a customer's profile (<c>PATCH /api/v1/customers/{id}</c>): name, contacts, notes, tags; each change is
/// in the customer's audit trail (<c>GET /api/v1/customers/{id}/audit</c>). A customer of another tenant is not found.
/// </summary>
public static class CustomerProfileEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapCustomerProfileApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/customers").WithTags("Customers").RequireAuthorization(AuthExtensions.OperatorPolicy)
            .MapPatch("/{id:guid}", EditAsync).RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("Edit a customer's profile: name, phones and e-mails (unverified), notes, tags; each field given replaces the current one, each change is audited")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Ok<CustomerProfile>> EditAsync(Guid id, EditCustomerRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request is null or { Name: null, Phones: null, Emails: null, Notes: null, Tags: null })
        {
            throw DomainException.Invalid("$: give at least one of name, phones, emails, notes, tags.");
        }

        var edit = new CustomerEdit(CustomerMergeEndpoints.Actor(user), request.Name, Listed(request.Phones, "phones"), Listed(request.Emails, "emails"),
            request.Notes, Listed(request.Tags, "tags"));
        var profile = await grains.GetGrain<ICustomerGrain>(new CustomerKey(user.TenantId(), id).ToGrainKey()).EditProfileAsync(edit);
        return TypedResults.Ok(profile.ToContract());
    }

    /// <summary>A list of the request with no null in it (refused naming the element).</summary>
    private static IReadOnlyList<string>? Listed(IReadOnlyList<string>? values, string field)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            _ = values![i] ?? throw DomainException.Invalid($"$.{field}[{i}]: required (a text).");
        }

        return values;
    }
}
