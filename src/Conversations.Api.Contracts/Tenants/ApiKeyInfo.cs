using Conversations.Api.Contracts.Operators;

namespace Conversations.Api.Contracts.Tenants;

/// <summary>An API key for integrations (never shown again after creation; stored as a hash).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">What it is for.</param>
/// <param name="Role">What it may do.</param>
/// <param name="Prefix">Its first and last characters ("cvk_1a2b3c4d…9f8e7d"), to recognise it.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record ApiKeyInfo(
    Guid Id,
    string Name,
    OperatorRole Role,
    string Prefix,
    DateTimeOffset CreatedAt);
