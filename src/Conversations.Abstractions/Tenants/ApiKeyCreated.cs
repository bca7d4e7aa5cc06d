namespace Conversations.Abstractions.Tenants;

/// <summary>A new API key: <see cref="Key"/> is shown this once.</summary>
[GenerateSerializer, Immutable, Alias("conv.ApiKeyCreated")]
public sealed record ApiKeyCreated(
    [property: Id(0)] ApiKeyInfo Info,
    [property: Id(1)] string Key);
