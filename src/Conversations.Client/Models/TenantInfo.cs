namespace Conversations.Client.Models;

/// <summary>A business using the platform.</summary>
public sealed record TenantInfo(Guid TenantId, string Slug, string Name, DateTimeOffset CreatedAt);
