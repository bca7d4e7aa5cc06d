using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Conversations.Abstractions.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Api.Auth;

/// <summary>
/// Authenticates integrations by the <c>X-Api-Key</c> header: the key names its tenant, and the tenant holds the
/// key's hash and role. Results are cached for a minute per silo (a revoked key stops working within it).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header.</summary>
    public const string Header = "X-Api-Key";

    private static readonly ConcurrentDictionary<string, (ApiKeyInfo? Info, DateTimeOffset Until)> Cache = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeyFormat.TryGetTenant(key, out var tenantId))
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        var hash = ApiKeyFormat.Hash(key);
        var now = time.GetUtcNow();
        if (!Cache.TryGetValue(hash, out var cached) || cached.Until < now)
        {
            cached = (await grains.GetGrain<ITenantGrain>(tenantId).FindApiKeyAsync(hash), now.AddMinutes(1));
            Cache[hash] = cached;
        }

        if (cached.Info is not { } info)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(Claims.Tenant, tenantId.ToString()), new Claim(Claims.Role, info.Role.ToString()), new Claim(Claims.Name, $"API key {info.Name}")],
            SchemeName, Claims.Name, Claims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
