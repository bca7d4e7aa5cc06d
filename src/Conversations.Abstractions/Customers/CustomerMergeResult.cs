namespace Conversations.Abstractions.Customers;

/// <summary>What a merge did.</summary>
/// <param name="Survivor">The surviving customer's profile after the merge.</param>
/// <param name="AbsorbedId">The customer merged into it; its id answers the survivor from now on.</param>
/// <param name="MovedIdentities">The absorbed customer's channel identities, now the survivor's.</param>
/// <param name="MovedConversations">The absorbed customer's conversations, now the survivor's.</param>
/// <param name="Conflicts">Values the two disagreed on, with the one kept and why.</param>
[GenerateSerializer, Immutable, Alias("conv.CustomerMergeResult")]
public sealed record CustomerMergeResult(
    [property: Id(0)] CustomerProfile Survivor,
    [property: Id(1)] Guid AbsorbedId,
    [property: Id(2)] IReadOnlyList<Channels.ChannelIdentityKey> MovedIdentities,
    [property: Id(3)] IReadOnlyList<Guid> MovedConversations,
    [property: Id(4)] IReadOnlyList<MergeConflict> Conflicts);
