namespace Conversations.Abstractions.Tenants;

/// <summary>A business using the platform.</summary>
/// <param name="TenantId">Its id.</param>
/// <param name="Slug">Short unique name used in logins and URLs (lowercase letters, digits, dashes).</param>
/// <param name="Name">Display name.</param>
/// <param name="CreatedAt">When it was created.</param>
[GenerateSerializer, Immutable, Alias("conv.TenantInfo")]
public sealed record TenantInfo(
    [property: Id(0)] Guid TenantId,
    [property: Id(1)] string Slug,
    [property: Id(2)] string Name,
    [property: Id(3)] DateTimeOffset CreatedAt);
