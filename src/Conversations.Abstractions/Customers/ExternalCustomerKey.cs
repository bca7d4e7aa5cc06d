namespace Conversations.Abstractions.Customers;

/// <summary>Identifies an <see cref="IExternalCustomerGrain"/>: the tenant and the business's own id of the customer.</summary>
public static class ExternalCustomerKey
{
    /// <summary>The grain key: <c>{tenant}:{externalId}</c> (the external id may itself contain colons).</summary>
    public static string ToGrainKey(Guid tenantId, string externalId) => $"{tenantId:N}:{externalId}";

    /// <summary>The tenant of a key made by <see cref="ToGrainKey"/>.</summary>
    public static Guid TenantOf(string grainKey) => Guid.ParseExact(grainKey.AsSpan(0, 32), "N");

    /// <summary>The external id of a key made by <see cref="ToGrainKey"/>.</summary>
    public static string ExternalIdOf(string grainKey) => grainKey[33..];
}
