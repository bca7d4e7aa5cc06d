using Conversations.Abstractions.Channels;

namespace Conversations.Persistence.Queries;

/// <summary>
/// A customer in the searchable directory (<paramref name="ExternalId"/>: the business's own id, when its system pushed
/// one; <paramref name="Tags"/>: operators' tags, found by exact tag; <paramref name="Attributes"/> and
/// <paramref name="Consents"/> (the purposes the customer consented to): what campaign audiences select by).
/// </summary>
public sealed record CustomerRecord(
    Guid TenantId, Guid CustomerId, string DisplayName, string? Username, IReadOnlyList<string> Phones, IReadOnlyList<string> Emails,
    IReadOnlyList<ChannelKind> Channels, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? ExternalId = null,
    IReadOnlyList<string>? Tags = null, IReadOnlyDictionary<string, string>? Attributes = null, IReadOnlyList<string>? Consents = null);
