using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Grains.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Customers;

/// <inheritdoc cref="IChannelIdentityGrain" />
internal sealed partial class ChannelIdentityGrain(
    [PersistentState("identity", StorageNames.GrainState)] IPersistentState<ChannelIdentityState> state,
    IIdGenerator ids,
    TimeProvider time,
    ILogger<ChannelIdentityGrain> logger) : Grain, IChannelIdentityGrain
{
    private ChannelIdentityKey Key => ChannelIdentityKey.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<InboundResult> ReceiveAsync(InboundMessage message)
    {
        if (message.Identity != Key)
        {
            throw DomainException.Invalid($"Message for {message.Identity} sent to identity {Key}.");
        }

        var customer = await EnsureCustomerAsync(message.ReplyTo, message.Sender, message.Verified);
        return await customer.ReceiveAsync(message);
    }

    /// <inheritdoc />
    public async Task<bool> ReceiveEditAsync(InboundEdit edit) =>
        state.State.CustomerId is { } customerId
        && await GrainFactory.GetGrain<ICustomerGrain>(new CustomerKey(Key.TenantId, customerId).ToGrainKey()).ReceiveEditAsync(edit);

    /// <inheritdoc />
    public async Task<Guid> IdentifyAsync(ChannelAddress replyTo, SenderProfile sender, VerifiedFacts verified)
    {
        await EnsureCustomerAsync(replyTo, sender, verified);
        return state.State.CustomerId!.Value;
    }

    /// <inheritdoc />
    public async Task AddVerifiedFactsAsync(VerifiedFacts verified)
    {
        if (state.State is { ReplyTo: { } replyTo, LastSender: { } sender })
        {
            await EnsureCustomerAsync(replyTo, sender, verified);
        }
    }

    /// <inheritdoc />
    public async Task<bool> RecordChannelReplyAsync(InboundMessage reply) =>
        reply.Identity == Key
        && state.State.CustomerId is { } customerId
        && await GrainFactory.GetGrain<ICustomerGrain>(new CustomerKey(Key.TenantId, customerId).ToGrainKey()).RecordChannelReplyAsync(reply);

    /// <inheritdoc />
    public Task<Guid?> GetCustomerIdAsync() => Task.FromResult(state.State.CustomerId);

    /// <inheritdoc />
    public async Task SetReachableAsync(bool reachable)
    {
        if (state.State.Reachable == reachable)
        {
            return;
        }

        state.State.Reachable = reachable;
        await state.WriteStateAsync();
        if (state.State.CustomerId is { } customerId)
        {
            await GrainFactory.GetGrain<ICustomerGrain>(new CustomerKey(Key.TenantId, customerId).ToGrainKey())
                .SetIdentityReachableAsync(Key, reachable);
        }
    }

    /// <inheritdoc />
    public async Task SetClientInfoAsync(ChannelClientInfo info)
    {
        if (info.SameAs(state.State.ClientInfo))
        {
            return;
        }

        state.State.ClientInfo = info;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<ChannelClientInfo?> GetClientInfoAsync() => Task.FromResult(state.State.ClientInfo);

    /// <inheritdoc />
    public async Task MoveToCustomerAsync(Guid from, Guid to)
    {
        if (state.State.CustomerId == from && from != to)
        {
            state.State.CustomerId = to;
            await state.WriteStateAsync();
        }
    }

    private async Task<ICustomerGrain> EnsureCustomerAsync(ChannelAddress replyTo, SenderProfile sender, VerifiedFacts? verified)
    {
        var s = state.State;
        var newFacts = verified?.OwnerKeys(Key.TenantId).Where(f => !s.ClaimedFacts.Contains(f)).ToList() ?? [];
        if (s.CustomerId is null || newFacts.Count > 0)
        {
            // First contact, or a fact the channel now vouches for: the identity belongs to whoever owns the fact
            // in this tenant (the first to claim it), else to its current (or a new) customer. Bound before anything
            // else happens, so a retry after a crash finds the same customer (claims answer the same owner again).
            var previous = s.CustomerId;
            var customerId = await LinkAsync(newFacts, previous ?? ids.NewId());
            if (previous is null)
            {
                s.FirstSeenAt = time.GetUtcNow();
                s.ReplyTo = replyTo;
            }
            else if (previous != customerId)
            {
                LogLinked(logger, Key.Kind, Key.TenantId, previous.Value, customerId);
                await GrainFactory.GetGrain<ICustomerGrain>(new CustomerKey(Key.TenantId, previous.Value).ToGrainKey()).DetachIdentityAsync(Key);
            }

            s.CustomerId = customerId;
            s.ClaimedFacts.AddRange(newFacts);
            s.Verified = Merge(s.Verified, verified);
            s.Registered = false;
            await state.WriteStateAsync();
        }

        var customer = GrainFactory.GetGrain<ICustomerGrain>(new CustomerKey(Key.TenantId, s.CustomerId!.Value).ToGrainKey());
        var reachableAgain = !s.Reachable; // a customer who writes has unblocked the bot
        if (!s.Registered || s.LastSender != sender || s.ReplyTo != replyTo || reachableAgain)
        {
            await customer.RegisterIdentityAsync(new ChannelIdentity(Key, replyTo, Unreachable: false, s.FirstSeenAt, s.Verified), sender);
            s.Registered = true;
            s.LastSender = sender;
            s.ReplyTo = replyTo;
            s.Reachable = true;
            await state.WriteStateAsync();
        }

        return customer;
    }

    /// <summary>
    /// The customer that owns the first of <paramref name="facts"/> (claiming each unowned one for it), or
    /// <paramref name="candidate"/> when none is owned yet. A fact owned by yet another customer stays theirs: it is
    /// logged, and left for operators to merge.
    /// </summary>
    private async Task<Guid> LinkAsync(IReadOnlyList<string> facts, Guid candidate)
    {
        Guid? chosen = null;
        foreach (var fact in facts)
        {
            var owner = await GrainFactory.GetGrain<IContactOwnerGrain>(fact).ClaimAsync(chosen ?? candidate);
            chosen ??= owner;
            if (owner != chosen)
            {
                LogFactOwnedElsewhere(logger, Key.Kind, Key.TenantId, ContactOwnerKey.FactOf(fact).Split(':')[0], owner, chosen.Value);
            }
        }

        return chosen ?? candidate;
    }

    private static VerifiedFacts? Merge(VerifiedFacts? known, VerifiedFacts? now) => (known, now) switch
    {
        (_, null) => known,
        (null, _) => now,
        _ => new VerifiedFacts(now.Phone ?? known.Phone, now.Email ?? known.Email, now.ExternalId ?? known.ExternalId),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Kind} identity of tenant {TenantId} carries a verified fact of customer {Owner}: it moves there from customer {Previous}")]
    private static partial void LogLinked(ILogger logger, ChannelKind kind, Guid tenantId, Guid previous, Guid owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} identity of tenant {TenantId} carries a verified {Fact} of customer {Owner} but belongs to customer {Chosen}: left for operators to merge")]
    private static partial void LogFactOwnedElsewhere(ILogger logger, ChannelKind kind, Guid tenantId, string fact, Guid owner, Guid chosen);
}
