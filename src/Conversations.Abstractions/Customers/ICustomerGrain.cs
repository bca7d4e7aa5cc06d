using Conversations.Abstractions.Conversations;

namespace Conversations.Abstractions.Customers;

/// <summary>
/// One person of one tenant across channels (key: <see cref="CustomerKey"/>): profile, channel identities,
/// contacts, consents and the current conversation.
/// </summary>
/// <remarks>Calls go downwards (identity → customer → conversation); calls back up are one-way so they never deadlock.</remarks>
[Orleans.CodeGeneration.Version(2)] // 1: the merge methods; 2: profile editing (an older silo lacks them); see the README's upgrade rules
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Adds (or refreshes) a channel identity of this customer and what the channel tells about them.</summary>
    Task<CustomerProfile> RegisterIdentityAsync(ChannelIdentity identity, SenderProfile sender);

    /// <summary>Stores a message from one of the customer's identities in the current conversation, opening one when needed.</summary>
    Task<InboundResult> ReceiveAsync(InboundMessage message);

    /// <summary>Applies an edit of an earlier message to the current conversation; false when there is nothing to edit.</summary>
    Task<bool> ReceiveEditAsync(InboundEdit edit);

    /// <summary>Records a reply typed in the channel's own interface in the current conversation (see IConversationGrain.RecordChannelReplyAsync).</summary>
    Task<bool> RecordChannelReplyAsync(InboundMessage reply);

    /// <summary>The profile, or null when the customer does not exist.</summary>
    Task<CustomerProfile?> GetProfileAsync();

    /// <summary>Forgets an identity that a verified fact linked to another customer (its messages now go there).</summary>
    Task DetachIdentityAsync(Channels.ChannelIdentityKey identity);

    /// <summary>Marks one identity (un)reachable.</summary>
    Task SetIdentityReachableAsync(Channels.ChannelIdentityKey identity, bool reachable);

    /// <summary>Adds a phone number the customer typed (the conversation asked for it).</summary>
    /// <remarks>This and the two below are two-way calls although nobody waits on them: the conversation retries them when they fail for a passing reason.</remarks>
    Task RecordPhoneAsync(string phone);

    /// <summary>Applies what the bot learnt (consents with time and text version, contacts, attributes).</summary>
    Task ApplyUpdateAsync(CustomerUpdate update);

    /// <summary>Applies what the business's system pushed under its own id (creating the customer when new) and returns the profile.</summary>
    Task<CustomerProfile> UpsertFromIntegrationAsync(CustomerUpsert upsert);

    /// <summary>
    /// Sends a message the business starts to this customer: into the current conversation, or a new one (which
    /// inherits the messaging windows of the last closed one). The first of <see cref="Outbound.BusinessMessage.Channels"/>
    /// whose rule allows it carries it; when none does, a rule refusal naming the rule. A repeated idempotency key
    /// returns the first message, sending nothing.
    /// </summary>
    Task<Outbound.BusinessMessageResult> SendBusinessMessageAsync(Outbound.BusinessMessage message);

    /// <summary>Tells the customer its conversation closed, so the next message opens a new one.</summary>
    Task ConversationClosedAsync(Guid conversationId);

    /// <summary>Whether this id names a customer, or the customer it was merged into (never forwarded).</summary>
    Task<CustomerStanding> GetStandingAsync();

    /// <summary>
    /// Makes this customer a redirect to <paramref name="survivorId"/> (every later call goes there) and hands over what
    /// it has. Repeated for the same survivor it hands the same again; conflict when merged into another one.
    /// </summary>
    Task<AbsorbedCustomer> AbsorbIntoAsync(Guid survivorId);

    /// <summary>Takes what an absorbed customer handed over, under the conflict rule; returns the values that disagreed.</summary>
    Task<IReadOnlyList<MergeConflict>> AdoptAbsorbedAsync(Guid absorbedId, AbsorbedCustomer absorbed);

    /// <summary>
    /// Gives up <paramref name="identities"/> to the new customer <paramref name="newCustomerId"/> (later calls about them
    /// go there) and returns what goes with them; <paramref name="conversations"/> are the conversations that move.
    /// </summary>
    Task<CustomerSplit> SplitOutAsync(IReadOnlyList<Channels.ChannelIdentityKey> identities, Guid newCustomerId, IReadOnlyList<Guid> conversations);

    /// <summary>Starts this new customer with what an unmerge split out of another one.</summary>
    Task<CustomerProfile> AdoptSplitAsync(CustomerSplit split);

    /// <summary>
    /// An operator edits the profile (<see cref="CustomerEdit"/>): name, contacts, notes, tags. Each change is written
    /// to the audit trail (<c>edited</c>: who, when, each field's old and new value); nothing changes, and nothing is
    /// audited, when the edit changes nothing. Throws invalid (naming the field) for a bad value or a removed contact a
    /// channel vouches for, not found when the customer does not exist.
    /// </summary>
    Task<CustomerProfile> EditProfileAsync(CustomerEdit edit);
}
