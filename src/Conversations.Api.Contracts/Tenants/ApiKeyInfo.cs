using Conversations.Api.Contracts.Operators;

namespace Conversations.Api.Contracts.Tenants;

/// <summary>An API key for integrations (never shown again after creation; stored as a hash).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">What it is for.</param>
/// <param name="Role">What it may do.</param>
/// <param name="Prefix">Characters to recognise it by, different for every key: "cvk_…" and its last 12 ("cvk_…3f9a1c0b7e2d"; keys made
/// before this showed their first 12 characters, the same for all of a tenant's keys, and their last 6).</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="LastUsedAt">When it was last used, to about a minute (recorded at most once a minute); null if never.</param>
public sealed record ApiKeyInfo(
    Guid Id,
    string Name,
    OperatorRole Role,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt);
