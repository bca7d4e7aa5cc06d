using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Customers;

/// <summary>A customer in the searchable directory (<paramref name="ExternalId"/>: the business's own id, once its system pushed one; <paramref name="Tags"/>: operators' tags).</summary>
public sealed record CustomerRecord(
    Guid TenantId, Guid CustomerId, string DisplayName, string? Username, IReadOnlyList<string> Phones, IReadOnlyList<string> Emails,
    IReadOnlyList<ChannelKind> Channels, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? ExternalId = null,
    IReadOnlyList<string>? Tags = null);
