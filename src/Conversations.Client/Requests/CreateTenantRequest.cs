namespace Conversations.Client.Requests;

internal sealed record CreateTenantRequest(string Slug, string Name, string AdminUsername, string AdminPassword, string? AdminDisplayName);
