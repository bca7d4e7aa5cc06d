namespace Conversations.Abstractions.Operators;

/// <summary>Identifies an operator grain: the tenant and the operator id.</summary>
[GenerateSerializer, Immutable, Alias("conv.OperatorKey")]
public readonly record struct OperatorKey(
    [property: Id(0)] Guid TenantId,
    [property: Id(1)] Guid OperatorId)
{
    /// <summary>The grain key: <c>{tenant}:{operator}</c>.</summary>
    public string ToGrainKey() => $"{TenantId:N}:{OperatorId:N}";

    /// <summary>Parses a key made by <see cref="ToGrainKey"/>.</summary>
    public static OperatorKey Parse(string grainKey)
    {
        var separator = grainKey.IndexOf(':', StringComparison.Ordinal);
        return separator < 0
            ? throw new FormatException($"'{grainKey}' is not an operator key.")
            : new OperatorKey(Guid.ParseExact(grainKey.AsSpan(0, separator), "N"), Guid.ParseExact(grainKey.AsSpan(separator + 1), "N"));
    }
}
