namespace Conversations.Api.Contracts.Tenants;

/// <summary>A new API key: <see cref="Key"/> is shown this once.</summary>
public sealed record ApiKeyCreated(
    ApiKeyInfo Info,
    string Key);
