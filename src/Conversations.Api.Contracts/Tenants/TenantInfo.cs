namespace Conversations.Api.Contracts.Tenants;

/// <summary>A business using the platform.</summary>
/// <param name="TenantId">Its id.</param>
/// <param name="Slug">Short unique name used in logins and URLs (lowercase letters, digits, dashes).</param>
/// <param name="Name">Display name.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record TenantInfo(
    Guid TenantId,
    string Slug,
    string Name,
    DateTimeOffset CreatedAt);
