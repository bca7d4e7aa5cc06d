using Conversations.Abstractions.Channels;

namespace Conversations.Abstractions.Customers;

/// <summary>
/// Merges and unmerges the customers of one tenant (key: the tenant id), one at a time: two merges never interleave,
/// so two customers can never be merged into each other at once. Every merge and unmerge is written to the audit trail.
/// </summary>
public interface ICustomerMergeGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Merges <paramref name="absorbedId"/> into <paramref name="survivorId"/>: identities, conversations, contacts,
    /// consents and attributes move under the conflict rule (verified beats unverified, newer beats older); the
    /// absorbed id answers the survivor from then on. Repeating a merge that was done (or cut short) completes it.
    /// </summary>
    Task<CustomerMergeResult> MergeAsync(Guid survivorId, Guid absorbedId, CustomerActor actor);

    /// <summary>Moves <paramref name="identities"/> of <paramref name="customerId"/>, with their conversations, to a new customer of their own.</summary>
    Task<CustomerUnmergeResult> UnmergeAsync(Guid customerId, IReadOnlyList<ChannelIdentityKey> identities, CustomerActor actor);
}
