namespace Conversations.Client.Models;

/// <summary>A customer found by search.</summary>
public sealed record CustomerSummary(
    Guid TenantId,
    Guid CustomerId,
    string DisplayName,
    string? Username,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    IReadOnlyList<ChannelKind> Channels,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
