namespace Conversations.Abstractions.Customers;

/// <summary>Keys of <see cref="IContactOwnerGrain"/>: <c>{tenant}:{kind}:{value}</c>, so tenants never share an owner.</summary>
public static class ContactOwnerKey
{
    /// <summary>A verified phone number in E.164 form.</summary>
    public static string Phone(Guid tenantId, string e164) => $"{tenantId:N}:phone:{e164}";

    /// <summary>A verified e-mail address, normalized; compared without regard to case.</summary>
    public static string Email(Guid tenantId, string email) => $"{tenantId:N}:email:{email.ToLowerInvariant()}";

    /// <summary>The business's own id of a customer (also the key of its <see cref="IExternalCustomerGrain"/>).</summary>
    public static string ExternalId(Guid tenantId, string externalId) => $"{tenantId:N}:external:{externalId}";

    /// <summary>The tenant of a key.</summary>
    public static Guid TenantOf(string key) => Guid.ParseExact(key.AsSpan(0, 32), "N");

    /// <summary>The fact of a key without the tenant (<c>phone:+79001234567</c>), for logs and suggestions.</summary>
    public static string FactOf(string key) => key[33..];
}
