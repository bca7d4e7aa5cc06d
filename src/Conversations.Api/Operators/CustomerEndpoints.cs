using System.Security.Claims;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Customers;
using Conversations.Api.Mappings;
using Conversations.Persistence.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using CustomerProfile = Conversations.Api.Contracts.Customers.CustomerProfile;

namespace Conversations.Api.Operators;

/// <summary>
/// Customers under the business's own ids (<c>/api/v1/customers/by-external-id</c>): what its CRM or CDP pushes
/// (name, contacts, typed attributes), for operators and API keys of the tenant.
/// </summary>
public static class CustomerEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapCustomerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/customers/by-external-id").WithTags("Customers").RequireAuthorization(AuthExtensions.OperatorPolicy);
        api.MapPut("/{externalId}", UpsertAsync).RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("Create or update the customer with the business's own id: name, phones, e-mails, typed attributes (null removes one); unmentioned fields stay")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/{externalId}", GetAsync)
            .WithSummary("The customer with the business's own id")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/customers/{id:guid}/suggestions", SuggestionsAsync).WithTags("Customers").RequireAuthorization(AuthExtensions.OperatorPolicy)
            .WithSummary("Other customers who may be the same person (a shared phone or e-mail nobody verified): for operators to merge, never linked by themselves")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CustomerSuggestion>>> SuggestionsAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, IReadModels read)
    {
        var tenant = user.TenantId();
        var profile = await grains.GetGrain<ICustomerGrain>(new CustomerKey(tenant, id).ToGrainKey()).GetProfileAsync()
            ?? throw DomainException.NotFound("No such customer.");
        var phones = profile.Phones.Concat(profile.Phones.Select(PhoneNumbers.ToE164).OfType<string>()).Distinct(StringComparer.Ordinal).ToList();
        var emails = profile.Emails.ToList();
        if (phones.Count == 0 && emails.Count == 0)
        {
            return TypedResults.Ok<IReadOnlyList<CustomerSuggestion>>([]);
        }

        var others = await read.FindCustomersByContactsAsync(tenant, phones, emails, 21);
        return TypedResults.Ok<IReadOnlyList<CustomerSuggestion>>([.. others.Where(c => c.CustomerId != profile.CustomerId).Take(20).Select(c => new CustomerSuggestion(c.ToContract(),
            [.. c.Phones.Intersect(phones, StringComparer.Ordinal).Concat(c.Emails.Intersect(emails, StringComparer.OrdinalIgnoreCase))]))]);
    }

    private static async Task<Results<Ok<CustomerProfile>, Created<CustomerProfile>>> UpsertAsync(
        string externalId, UpsertCustomerRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var upsert = request.ToDomain(externalId);
        var result = await grains.GetGrain<IExternalCustomerGrain>(ExternalCustomerKey.ToGrainKey(user.TenantId(), upsert.ExternalId)).UpsertAsync(upsert);
        var profile = result.Profile.ToContract();
        return result.Created
            ? TypedResults.Created($"/api/v1/customers/{profile.CustomerId}", profile)
            : TypedResults.Ok(profile);
    }

    private static async Task<Ok<CustomerProfile>> GetAsync(string externalId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (CustomerUpsertMappings.ExternalIdProblem(externalId) is { } problem)
        {
            throw DomainException.Invalid($"externalId: {problem}");
        }

        var tenant = user.TenantId();
        var customerId = await grains.GetGrain<IExternalCustomerGrain>(ExternalCustomerKey.ToGrainKey(tenant, externalId)).GetCustomerIdAsync()
            ?? throw DomainException.NotFound($"No customer has the external id '{externalId}'.");
        var profile = await grains.GetGrain<ICustomerGrain>(new CustomerKey(tenant, customerId).ToGrainKey()).GetProfileAsync()
            ?? throw DomainException.NotFound($"No customer has the external id '{externalId}'.");
        return TypedResults.Ok(profile.ToContract());
    }
}
