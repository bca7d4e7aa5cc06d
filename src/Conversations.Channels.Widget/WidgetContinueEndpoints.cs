using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Api.Contracts.Customers;
using Conversations.Channels.Abuse;
using Conversations.Channels.Accounts;
using Conversations.Channels.Linking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Channels.Widget;

/// <summary>
/// The widget's "continue in messenger" button (<c>POST /widget/v1/{account}/continue-links</c>): a one-time token for
/// the visitor's customer and the tenant's messenger deep links carrying it. Counted with the visitor's messages
/// (<see cref="AbuseLimit.WidgetMessagesPerVisitor"/>), as it is as anonymous as they are.
/// </summary>
public static class WidgetContinueEndpoints
{
    /// <summary>Maps the endpoint on the visitor API group.</summary>
    public static void Map(RouteGroupBuilder visitor) =>
        visitor.MapPost("/continue-links", CreateAsync)
            .WithSummary("A one-time token (an hour, single use) and deep links into the business's messengers: opening one continues this conversation there")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<Results<Ok<ContinueLinks>, ProblemHttpResult>> CreateAsync(
        string account, HttpRequest http, ChannelAccountCache accounts, WidgetVisitorTokens tokens, IGrainFactory grains, AbuseLimiter limiter,
        ContinueLinkIssuer issuer)
    {
        if (await WidgetVisitorEndpoints.FindAsync(accounts, account) is not { } widget)
        {
            return WidgetVisitorEndpoints.UnknownWidget();
        }

        if (await tokens.ValidateAsync(account, WidgetVisitorEndpoints.BearerToken(http)) is not { } visitorId)
        {
            return WidgetVisitorEndpoints.InvalidToken();
        }

        if (limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, visitorId.ToString("N")) is { } tooMany)
        {
            return tooMany.ToProblem(http.HttpContext.Response);
        }

        // A visitor who has not written yet gets their customer now, so the link has someone to continue as.
        var identity = WidgetUpdateMapper.Identity(widget, visitorId);
        var grain = grains.GetGrain<IChannelIdentityGrain>(identity.ToGrainKey());
        var customerId = await grain.GetCustomerIdAsync() ?? await GrainCalls.RetryAsync(() => grain.IdentifyAsync(
            new ChannelAddress(ChannelKind.Widget, account, identity.ExternalUserId),
            new SenderProfile(WidgetUpdateMapper.VisitorName(visitorId), GeneratedName: true), new VerifiedFacts()));
        return TypedResults.Ok(await issuer.IssueAsync(widget.TenantId, customerId));
    }
}
