using System.Security.Claims;
using System.Text.Encodings.Web;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Api.Auth;

/// <summary>
/// Authenticates integrations by the <c>X-Api-Key</c> header: the key names its tenant, and the tenant holds the
/// key's hash and role. Known keys are cached per silo in <see cref="AccessCache"/>, which every silo drops before a
/// revocation is acknowledged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessCache access,
    ApiKeyUsage usage) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header.</summary>
    public const string Header = "X-Api-Key";

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

        if (await access.GetApiKeyAsync(tenantId, ApiKeyFormat.Hash(key)) is not { } info)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        // An Agent key acts as an operator of its own: its id is the operator id its takes, replies and transfers are
        // recorded under, and its name is the one the customer and the colleagues see.
        usage.Used(tenantId, info.Id);
        Claim[] claims = info.Role == OperatorRole.Agent
            ? [new Claim(Claims.Tenant, tenantId.ToString()), new Claim(Claims.Role, info.Role.ToString()), new Claim(Claims.Name, info.Name),
               new Claim(Claims.Operator, info.Id.ToString()), new Claim(Claims.ApiKey, info.Id.ToString())]
            : [new Claim(Claims.Tenant, tenantId.ToString()), new Claim(Claims.Role, info.Role.ToString()), new Claim(Claims.Name, $"API key {info.Name}"),
               new Claim(Claims.ApiKey, info.Id.ToString())];
        var identity = new ClaimsIdentity(claims, SchemeName, Claims.Name, Claims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
