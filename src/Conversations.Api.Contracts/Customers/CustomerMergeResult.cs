using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Customers;

/// <summary>What a merge did.</summary>
/// <param name="Survivor">The surviving customer after the merge.</param>
/// <param name="AbsorbedId">The customer merged away; <c>GET /api/v1/customers/{absorbedId}</c> answers the survivor from now on.</param>
/// <param name="MovedIdentities">Its channel identities, now the survivor's.</param>
/// <param name="MovedConversations">Its conversations, now the survivor's.</param>
/// <param name="Conflicts">Values the two disagreed on, with the one kept and why (empty when none).</param>
public sealed record CustomerMergeResult(
    CustomerProfile Survivor,
    Guid AbsorbedId,
    IReadOnlyList<ChannelIdentityKey> MovedIdentities,
    IReadOnlyList<Guid> MovedConversations,
    IReadOnlyList<MergeConflict> Conflicts);
