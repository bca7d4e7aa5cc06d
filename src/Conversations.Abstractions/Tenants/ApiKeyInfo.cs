using Conversations.Abstractions.Operators;

namespace Conversations.Abstractions.Tenants;

/// <summary>An API key for integrations (never shown again after creation; stored as a hash).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">What it is for.</param>
/// <param name="Role">What it may do.</param>
/// <param name="Prefix">Characters of it to recognise it by: "cvk_…" and its last 12 (random, so they differ from key to key); keys
/// made before that show their first 12 and last 6, the first of which every key of the tenant shares.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="LastUsedAt">When it was last used, to the minute (recorded at most once a minute per silo); null if never.</param>
[GenerateSerializer, Immutable, Alias("conv.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] OperatorRole Role,
    [property: Id(3)] string Prefix,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? LastUsedAt = null);
