using System.Globalization;
using System.Security.Claims;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Contracts.Auth;
using Conversations.Api.Contracts.Operators;
using Conversations.Api.Mappings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OperatorInfo = Conversations.Api.Contracts.Operators.OperatorInfo;

namespace Conversations.Api.Auth;

/// <summary>Signing in (<c>POST /api/v1/auth/login</c>) and the signed-in operator (<c>/api/v1/me</c>).</summary>
public static class AuthEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/login", LoginAsync).WithTags("Auth").ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Sign in with tenant, username and password; returns a bearer token (attempts are limited per address and user)");
        var me = app.MapGroup("/api/v1/me").WithTags("Auth").RequireAuthorization(AuthExtensions.OperatorPolicy);
        me.MapGet("", MeAsync).WithSummary("The signed-in operator");
        me.MapPut("/presence", SetPresenceAsync).RequireRateLimiting(AuthExtensions.WriteLimit).WithSummary("Go online, away or offline");
        return app;
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(LoginRequest request, HttpContext http, IGrainFactory grains,
        TokenService tokens, LoginThrottle throttle, DecoyPasswordCheck decoy)
    {
        if (string.IsNullOrWhiteSpace(request.Tenant) || string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing credentials", detail: "Send tenant, username and password.");
        }

        if (!throttle.TryAdmit(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", request.Tenant, request.Username, out var retryAfter))
        {
            var seconds = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            http.Response.Headers.RetryAfter = seconds;
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
                detail: $"Too many attempts to sign in from your address; retry in {seconds} s.", type: AuthExtensions.TooManyRequestsType);
        }

        // One answer for every failure, after the same password hashing: neither its text nor its timing tells
        // whether the tenant or the user exists.
        var refused = TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
            detail: "The tenant, username or password is wrong.");
        var tenant = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync(request.Tenant);
        var operators = tenant is null ? null : await grains.GetGrain<ITenantGrain>(tenant.TenantId).GetOperatorsAsync();
        if (tenant is null || operators is null || !operators.TryGetValue(request.Username.Trim().ToLowerInvariant(), out var operatorId))
        {
            decoy.Verify(request.Password);
            return refused;
        }

        var grain = grains.GetGrain<IOperatorGrain>(new OperatorKey(tenant.TenantId, operatorId).ToGrainKey());
        if (await grain.SignInAsync(request.Password) is not { } access || await grain.GetAsync() is not { } info)
        {
            return refused;
        }

        var (token, expiresAt) = tokens.Issue(info, access);
        var language = (await grains.GetGrain<ITenantGrain>(tenant.TenantId).GetSettingsAsync()).Language;
        return TypedResults.Ok(new LoginResponse(token, expiresAt, info.ToContract(), language));
    }

    private static async Task<Ok<OperatorInfo>> MeAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok((await Me(user, grains).GetAsync() ?? throw DomainException.NotFound("Your operator account no longer exists.")).ToContract());

    private static async Task<Ok<OperatorInfo>> SetPresenceAsync(PresenceRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok((await Me(user, grains).SetPresenceAsync(request.Presence.ToDomain())).ToContract());

    private static IOperatorGrain Me(ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetGrain<IOperatorGrain>(new OperatorKey(user.TenantId(), user.RequireOperatorId()).ToGrainKey());
}
