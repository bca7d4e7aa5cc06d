using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Conversations.Api.Platform;

/// <summary>
/// Guards the platform administrator's API with the <c>X-Platform-Key</c> header, compared in constant time with
/// <c>Platform:ApiKey</c>. Without a configured key the platform API is off.
/// </summary>
internal sealed class PlatformKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    /// <summary>The header.</summary>
    public const string Header = "X-Platform-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration["Platform:ApiKey"];
        if (string.IsNullOrWhiteSpace(expected))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Platform API disabled",
                detail: "Set Platform:ApiKey (environment variable Platform__ApiKey) to enable the platform administration API.");
        }

        var presented = context.HttpContext.Request.Headers[Header].ToString();
        if (presented.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Platform key required",
                detail: $"Send the platform administrator's key in the {Header} header.");
        }

        return await next(context);
    }
}
