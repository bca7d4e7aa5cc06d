using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;

namespace Conversations.Abstractions.Customers;

/// <summary>
/// A customer's account on one channel (key: <see cref="Channels.ChannelIdentityKey"/>). It resolves the
/// account to the tenant's customer, creating the customer on first contact, and is the entry point of
/// every inbound message.
/// </summary>
[Orleans.CodeGeneration.Version(3)] // 1: the merge methods; 2: AddVerifiedFactsAsync; 3: OpenedByLinkAsync (a silo of an older version lacks them); see the README's upgrade rules
public interface IChannelIdentityGrain : IGrainWithStringKey
{
    /// <summary>Stores a customer's message durably (once, whatever the number of redeliveries) and returns where it went.</summary>
    Task<InboundResult> ReceiveAsync(InboundMessage message);

    /// <summary>Applies a customer's edit of an earlier message; false when there is nothing to edit.</summary>
    Task<bool> ReceiveEditAsync(InboundEdit edit);

    /// <summary>
    /// Binds the identity to its customer before any message, with what the channel vouches for (a website user the
    /// business signed in): links to the owner of those facts, or creates the customer. Returns the customer.
    /// </summary>
    Task<Guid> IdentifyAsync(ChannelAddress replyTo, SenderProfile sender, VerifiedFacts verified);

    /// <summary>
    /// Records what the customer proved from this identity (an e-mail or phone confirmed with a one-time code) and links
    /// it like the facts a channel vouches for: to the customer that owns a fact already, else the fact becomes this
    /// customer's. Nothing before the identity's first message. Repeating it changes nothing.
    /// </summary>
    Task AddVerifiedFactsAsync(VerifiedFacts verified);

    /// <summary>
    /// The customer opened the chat by a deep link whose parameter (<paramref name="referral"/>) the channel passes
    /// without a message (Viber's <c>conversation_started.context</c>): a valid "continue in messenger" token there
    /// binds the identity to the token's customer at once (the token is then spent). False when it carries no valid token.
    /// </summary>
    Task<bool> OpenedByLinkAsync(string referral, ChannelAddress replyTo, SenderProfile sender);

    /// <summary>Records a reply the business typed to this identity in the channel's own interface, as an operator message; false when there is nothing to attach it to or it is known.</summary>
    Task<bool> RecordChannelReplyAsync(InboundMessage reply);

    /// <summary>The customer behind this identity, or null before the first message.</summary>
    Task<Guid?> GetCustomerIdAsync();

    /// <summary>Records that the channel can (not) deliver to this identity (the user blocked or unblocked the bot).</summary>
    Task SetReachableAsync(bool reachable);

    /// <summary>Records what the customer's app can show (sent by the channel with their messages); written only when it changed.</summary>
    Task SetClientInfoAsync(ChannelClientInfo info);

    /// <summary>What the customer's app last said it can show, or null when the channel never told.</summary>
    Task<ChannelClientInfo?> GetClientInfoAsync();

    /// <summary>
    /// Points the identity at <paramref name="to"/> when it belongs to <paramref name="from"/> (a merge or an unmerge
    /// moved it). One-way, so a merge never waits on an identity that is itself waiting on a customer in the merge;
    /// a lost call costs nothing, since <paramref name="from"/> forwards every call about the identity to <paramref name="to"/>.
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task MoveToCustomerAsync(Guid from, Guid to);
}
