using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Customers;
using Conversations.Api.Mappings;
using Conversations.Persistence.Customers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ChannelIdentityKey = Conversations.Abstractions.Channels.ChannelIdentityKey;
using ChannelKind = Conversations.Abstractions.Channels.ChannelKind;
using CustomerAuditEntry = Conversations.Api.Contracts.Customers.CustomerAuditEntry;
using CustomerMergeResult = Conversations.Api.Contracts.Customers.CustomerMergeResult;
using CustomerUnmergeResult = Conversations.Api.Contracts.Customers.CustomerUnmergeResult;

namespace Conversations.Api.Operators;

/// <summary>
/// Operators and admins merge two customers who are one person, split identities back out, and read what was done
/// (<c>/api/v1/customers/{id}/merge</c>, <c>/unmerge</c>, <c>/audit</c>). A customer of another tenant is not found.
/// </summary>
public static class CustomerMergeEndpoints
{
    /// <summary>Most audit entries one read returns.</summary>
    private const int MaxAuditEntries = 100;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapCustomerMergeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/customers").WithTags("Customers").RequireAuthorization(AuthExtensions.OperatorPolicy);
        api.MapPost("/{id:guid}/merge", MergeAsync).RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("Merge another customer into this one: identities, conversations, contacts, consents and attributes move (verified beats unverified, newer beats older; conflicts are listed); the other id answers this customer from then on")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/{id:guid}/unmerge", UnmergeAsync).RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("Split identities out of this customer into a new customer of their own, with the conversations last written from them")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/{id:guid}/audit", AuditAsync)
            .WithSummary("Changes made to this customer by hand (merges, unmerges): who, when, what moved; newest first")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Ok<CustomerMergeResult>> MergeAsync(Guid id, MergeCustomersRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var absorbedId = request.AbsorbedId is { } given && given != Guid.Empty ? given : throw DomainException.Invalid("absorbedId: required, the id of the customer to merge into this one.");
        var result = await grains.GetGrain<ICustomerMergeGrain>(user.TenantId()).MergeAsync(id, absorbedId, Actor(user));
        return TypedResults.Ok(new CustomerMergeResult(
            result.Survivor.ToContract(), result.AbsorbedId, [.. result.MovedIdentities.Select(CustomerMappings.ToContract)], result.MovedConversations,
            [.. result.Conflicts.Select(c => new Contracts.Customers.MergeConflict(c.Field, c.Kept, c.Dropped, c.Reason))]));
    }

    private static async Task<Ok<CustomerUnmergeResult>> UnmergeAsync(Guid id, UnmergeCustomerRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.TenantId();
        if (request.Identities is not { Count: > 0 } identities)
        {
            throw DomainException.Invalid($"identities: required, 1 to {UnmergeCustomerRequest.MaxIdentities} identities of the customer to split out.");
        }

        var keys = new List<ChannelIdentityKey>(identities.Count);
        for (var i = 0; i < identities.Count; i++)
        {
            var identity = identities[i] ?? throw DomainException.Invalid($"identities[{i}]: required.");
            if (!Enum.IsDefined(identity.Kind))
            {
                throw DomainException.Invalid($"identities[{i}].kind: not a channel.");
            }

            keys.Add(new ChannelIdentityKey(tenant, (ChannelKind)identity.Kind,
                identity.Account is { Length: > 0 } account ? account : throw DomainException.Invalid($"identities[{i}].account: required."),
                identity.ExternalUserId is { Length: > 0 } userId ? userId : throw DomainException.Invalid($"identities[{i}].externalUserId: required.")));
        }

        var result = await grains.GetGrain<ICustomerMergeGrain>(tenant).UnmergeAsync(id, keys, Actor(user));
        return TypedResults.Ok(new CustomerUnmergeResult(result.Remaining.ToContract(), result.SplitOut.ToContract(), result.MovedConversations));
    }

    private static async Task<Ok<IReadOnlyList<CustomerAuditEntry>>> AuditAsync(Guid id, ClaimsPrincipal user, ICustomerLedger ledger, [Range(1, MaxAuditEntries)] int limit = 50)
    {
        if (limit is < 1 or > MaxAuditEntries)
        {
            throw DomainException.Invalid($"limit is between 1 and {MaxAuditEntries}.");
        }

        var entries = await ledger.ReadAuditAsync(user.TenantId(), id, limit);
        return TypedResults.Ok<IReadOnlyList<CustomerAuditEntry>>([.. entries.Select(e =>
            new CustomerAuditEntry(e.At, e.ActorId, e.ActorName, e.Action, JsonDocument.Parse(e.Details).RootElement.Clone()))]);
    }

    /// <summary>Who acts, as the audit trail names them.</summary>
    internal static CustomerActor Actor(ClaimsPrincipal user) => new(user.OperatorId(), user.DisplayName());
}
