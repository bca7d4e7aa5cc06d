using Conversations.Abstractions.Operators;

namespace Conversations.Abstractions.Tenants;

/// <summary>An API key for integrations (never shown again after creation; stored as a hash).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">What it is for.</param>
/// <param name="Role">What it may do.</param>
/// <param name="Prefix">Its first and last characters ("cvk_1a2b3c4d…9f8e7d"), to recognise it.</param>
/// <param name="CreatedAt">When it was made.</param>
[GenerateSerializer, Immutable, Alias("conv.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] OperatorRole Role,
    [property: Id(3)] string Prefix,
    [property: Id(4)] DateTimeOffset CreatedAt);
