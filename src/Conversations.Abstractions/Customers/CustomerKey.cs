namespace Conversations.Abstractions.Customers;

/// <summary>Identifies a customer grain: the tenant and the customer id, so tenants never collide.</summary>
[GenerateSerializer, Immutable, Alias("conv.CustomerKey")]
public readonly record struct CustomerKey(
    [property: Id(0)] Guid TenantId,
    [property: Id(1)] Guid CustomerId)
{
    /// <summary>The grain key: <c>{tenant}:{customer}</c>.</summary>
    public string ToGrainKey() => $"{TenantId:N}:{CustomerId:N}";

    /// <summary>Parses a key made by <see cref="ToGrainKey"/>.</summary>
    public static CustomerKey Parse(string grainKey)
    {
        var separator = grainKey.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new FormatException($"'{grainKey}' is not a customer key.");
        }

        return new CustomerKey(
            Guid.ParseExact(grainKey.AsSpan(0, separator), "N"),
            Guid.ParseExact(grainKey.AsSpan(separator + 1), "N"));
    }
}
