using Conversations.Api.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Conversations.Api.Auth;

/// <summary>
/// Refuses a request that carries more than one credential (a bearer token, an API key, an <c>access_token</c>
/// parameter, the platform key) with a 400: the authorization policies accept several schemes, and a request
/// authenticated twice (a token of one tenant, a key of another) would act as whichever claims were read first.
/// </summary>
internal sealed class SingleCredentialMiddleware(RequestDelegate next)
{
    /// <summary>The query parameter the event stream reads a token from (browsers' EventSource sends no headers).</summary>
    public const string AccessTokenParameter = "access_token";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var credentials = (request.Headers.ContainsKey(HeaderNames.Authorization) ? 1 : 0)
            + (request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? 1 : 0)
            + (request.Headers.ContainsKey(PlatformKeyFilter.Header) ? 1 : 0)
            + (request.Query.ContainsKey(AccessTokenParameter) ? 1 : 0);
        if (credentials > 1)
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "More than one credential",
                detail: $"Send one credential: the {HeaderNames.Authorization} header, the {ApiKeyAuthenticationHandler.Header} header, " +
                        $"the {PlatformKeyFilter.Header} header or the {AccessTokenParameter} parameter, not several.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
