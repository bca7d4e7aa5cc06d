using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Conversations.Api.Auth;

/// <summary>
/// Hashes a sign-in's password against a decoy when the tenant or the user does not exist, so the answer takes as
/// long as a wrong password's (which the operator grain checks with the same ASP.NET Core Identity hasher and its
/// default cost) and its timing does not tell which accounts exist.
/// </summary>
public sealed class DecoyPasswordCheck
{
    private readonly IPasswordHasher<DecoyPasswordCheck> _hasher;
    private readonly Lazy<string> _decoyHash;

    /// <summary>Creates the check; the decoy hash (of random bytes, matching no password) is made on first use.</summary>
    public DecoyPasswordCheck(IPasswordHasher<DecoyPasswordCheck> hasher)
    {
        _hasher = hasher;
        _decoyHash = new Lazy<string>(() => hasher.HashPassword(this, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
    }

    /// <summary>Does the work of checking <paramref name="password"/> (the result is meaningless: no password matches).</summary>
    public void Verify(string password) => _hasher.VerifyHashedPassword(this, _decoyHash.Value, password);
}
