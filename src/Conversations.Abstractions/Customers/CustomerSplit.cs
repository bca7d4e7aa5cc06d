namespace Conversations.Abstractions.Customers;

/// <summary>What an unmerge hands to the new customer: the identities split out and what goes with them.</summary>
/// <param name="Identities">The identities split out.</param>
/// <param name="DisplayName">The name the new customer starts with.</param>
/// <param name="Phones">Verified phone numbers of those identities.</param>
/// <param name="Emails">Verified e-mail addresses of those identities.</param>
/// <param name="CurrentConversationId">The open conversation when it goes with them.</param>
/// <param name="LastConversationId">The conversation that closed last, when it goes with them.</param>
[GenerateSerializer, Immutable, Alias("conv.CustomerSplit")]
public sealed record CustomerSplit(
    [property: Id(0)] IReadOnlyList<ChannelIdentity> Identities,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] IReadOnlyList<string> Phones,
    [property: Id(3)] IReadOnlyList<string> Emails,
    [property: Id(4)] Guid? CurrentConversationId,
    [property: Id(5)] Guid? LastConversationId);
