using System.Security.Cryptography;
using System.Text;

namespace Conversations.Abstractions.Tenants;

/// <summary>API keys look like <c>cvk_{tenant id}_{48 hex chars}</c>; they are stored and compared as SHA-256 hashes.</summary>
public static class ApiKeyFormat
{
    /// <summary>The stored form of a key.</summary>
    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    /// <summary>The tenant a key claims to belong to (checked against the tenant's stored hashes).</summary>
    public static bool TryGetTenant(string? key, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        var parts = key?.Split('_');
        return parts is ["cvk", var tenant, { Length: 48 }] && Guid.TryParseExact(tenant, "N", out tenantId);
    }
}
