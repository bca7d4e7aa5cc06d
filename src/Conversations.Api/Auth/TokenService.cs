using System.Globalization;
using System.Security.Claims;
using Conversations.Abstractions.Operators;
using Conversations.Channels.TokenSigning;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Conversations.Api.Auth;

/// <summary>Issues operators' JWTs and holds the key that checks them (the deployment's signing key).</summary>
public sealed class TokenService(SigningKeyProvider keys, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Issuer and audience of our tokens.</summary>
    public const string Issuer = "conversations";

    private SymmetricSecurityKey? _key;

    /// <summary>The key, loaded at start-up by <see cref="TokenWarmUp"/> (the JWT handler's resolver reads it synchronously).</summary>
    public SecurityKey Key => _key ?? throw new InvalidOperationException("The signing key is loaded while the host starts; it has not started yet.");

    /// <summary>Loads the key (a start-up step, once the silo runs).</summary>
    public async Task WarmUpAsync() => _key = new SymmetricSecurityKey(await keys.GetAsync()) { KeyId = "conversations" };

    /// <summary>A token for <paramref name="info"/> with the role and security stamp of <paramref name="access"/>, and when it expires.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(OperatorInfo info, OperatorAccess access)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(Claims.Operator, info.OperatorId.ToString()),
                new Claim(Claims.Tenant, info.TenantId.ToString()),
                new Claim(Claims.Role, access.Role.ToString()),
                new Claim(Claims.SecurityStamp, access.SecurityStamp.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
                new Claim(Claims.Name, info.DisplayName),
            ]),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
