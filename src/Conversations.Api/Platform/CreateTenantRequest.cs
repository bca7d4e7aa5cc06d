namespace Conversations.Api.Platform;

/// <summary>A new tenant.</summary>
/// <param name="Slug">Unique short name (2–40 lowercase letters, digits, dashes).</param>
/// <param name="Name">Display name.</param>
public sealed record CreateTenantRequest(string? Slug, string? Name);
