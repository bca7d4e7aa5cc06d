using Conversations.Api.Contracts.Conversations;
using Conversations.Channels.Abuse;
using Conversations.Channels.Accounts;
using Conversations.Channels.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Channels.Widget;

/// <summary>
/// <c>POST /widget/v1/{account}/signals</c>: the visitor is typing, or has read the conversation up to a message. Passed
/// on to the operators' live feeds and never stored (typing only while an operator is wanted or has the chat); bounded
/// per visitor by <see cref="AbuseLimit.WidgetSignalsPerVisitor"/>. A visitor without a conversation has nobody to tell.
/// </summary>
public static class WidgetSignalEndpoints
{
    /// <summary>Maps the endpoint on the visitor API group.</summary>
    public static void Map(RouteGroupBuilder visitor) =>
        visitor.MapPost("/signals", SignalAsync)
            .WithSummary("The visitor is typing or has read up to a message: shown to operators live, never stored")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<Results<NoContent, ProblemHttpResult>> SignalAsync(
        string account, SignalRequest request, HttpRequest http, ChannelAccountCache accounts, WidgetVisitorTokens tokens, IGrainFactory grains,
        AbuseLimiter limiter)
    {
        if (await WidgetVisitorEndpoints.FindAsync(accounts, account) is not { } widget)
        {
            return WidgetVisitorEndpoints.UnknownWidget();
        }

        if (await tokens.ValidateAsync(account, WidgetVisitorEndpoints.BearerToken(http)) is not { } visitorId)
        {
            return WidgetVisitorEndpoints.InvalidToken();
        }

        var kind = request.FromCustomer();
        if (limiter.TryAcquire(AbuseLimit.WidgetSignalsPerVisitor, visitorId.ToString("N")) is { } tooMany)
        {
            return tooMany.ToProblem(http.HttpContext.Response);
        }

        if (await WidgetVisitorEndpoints.CurrentConversationAsync(grains, widget, visitorId) is { } conversation)
        {
            await conversation.SignalAsync(kind, null, request.UpToSeq);
        }

        return TypedResults.NoContent();
    }
}
