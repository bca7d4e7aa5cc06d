using System.Globalization;
using System.Threading.RateLimiting;
using Conversations.Abstractions.Operators;
using Conversations.Channels.Abuse;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Conversations.Api.Auth;

/// <summary>
/// Authentication (operator JWTs, integration API keys), authorization policies and the write rate limit. Sign-in
/// attempts are limited by <see cref="LoginThrottle"/> in the login endpoint, which reads the user from the body.
/// </summary>
public static class AuthExtensions
{
    /// <summary>Any signed-in user of a tenant.</summary>
    public const string OperatorPolicy = "operator";

    /// <summary>Tenant admins (users or API keys with the Admin role).</summary>
    public const string AdminPolicy = "admin";

    /// <summary>Rate limit of writes.</summary>
    public const string WriteLimit = "writes";

    /// <summary>The problem type of a 429 (the framework names none for it): RFC 6585, section 4.</summary>
    public const string TooManyRequestsType = AbuseRejection.ProblemType;

    /// <summary>Refuses requests with more than one credential; goes before authentication.</summary>
    public static IApplicationBuilder UseSingleCredential(this IApplicationBuilder app) => app.UseMiddleware<SingleCredentialMiddleware>();

    /// <summary>Registers authentication, policies and rate limiting.</summary>
    public static IServiceCollection AddConversationsAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration("Auth");
        services.AddSingleton<TokenService>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AccessCache>();
        services.AddSingleton<ApiKeyUsage>();
        services.AddHostedService<AccessCacheSubscription>();
        services.AddSingleton<DecoyPasswordCheck>();
        services.TryAddSingleton<IPasswordHasher<DecoyPasswordCheck>, PasswordHasher<DecoyPasswordCheck>>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenService>((jwt, tokens) =>
        {
            jwt.MapInboundClaims = false;

            // WWW-Authenticate says "Bearer" and nothing more: why a token failed helps only someone forging one.
            jwt.IncludeErrorDetails = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenService.Issuer,
                ValidAudience = TokenService.Issuer,
                IssuerSigningKeyResolver = (_, _, _, _) => [tokens.Key],
                NameClaimType = Claims.Name,
                RoleClaimType = Claims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            jwt.Events = new JwtBearerEvents
            {
                // Browsers' EventSource cannot send headers: the event stream takes the token as ?access_token=.
                OnMessageReceived = context =>
                {
                    // Widget visitors and Telegram carry their own credentials (a visitor token, a webhook secret):
                    // reading a visitor token as an operator JWT only fails, at the cost of two exceptions a message.
                    if (context.Request.Path.StartsWithSegments("/widget") || context.Request.Path.StartsWithSegments("/webhooks"))
                    {
                        context.NoResult();
                        return Task.CompletedTask;
                    }

                    if (context.Request.Path.StartsWithSegments("/api/v1/events")
                        && context.Request.Query[SingleCredentialMiddleware.AccessTokenParameter] is { Count: > 0 } token)
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },

                // A signature proves who the operator was when the token was issued; rights are checked as they are now.
                OnTokenValidated = async context =>
                {
                    if (!await context.HttpContext.RequestServices.GetRequiredService<AccessCache>().IsCurrentAsync(context.Principal!))
                    {
                        context.Fail("The token was issued before the operator's password or role changed, or the operator was removed.");
                    }
                },
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, ApiKeyAuthenticationHandler.SchemeName)
                .RequireClaim(Claims.Tenant))
            .AddPolicy(AdminPolicy, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, ApiKeyAuthenticationHandler.SchemeName)
                .RequireClaim(Claims.Tenant)
                .RequireClaim(Claims.Role, nameof(OperatorRole.Admin)));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                // The token bucket says when the next token comes; a whole second at least (Retry-After counts seconds).
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"Too many changes at once: slow down and retry in {seconds} s.", type: TooManyRequestsType).ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(WriteLimit, http =>
            {
                var perSecond = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.WritesPerSecond;
                // One bucket per operator and per API key (by id: two keys with one name, or of two tenants, are two callers).
                var caller = http.User.FindFirst(Claims.Operator)?.Value is { } operatorId ? "operator:" + operatorId
                    : http.User.FindFirst(Claims.ApiKey)?.Value is { } keyId ? "key:" + keyId
                    : http.User.FindFirst(Claims.Name)?.Value is { } name ? "name:" + name
                    : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond * 2,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }
}
