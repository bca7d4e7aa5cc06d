using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Infrastructure;
using Conversations.Persistence.Customers;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Customers;

/// <inheritdoc cref="IChannelIdentityGrain" />
internal sealed partial class ChannelIdentityGrain(
    [PersistentState("identity", StorageNames.GrainState)] IPersistentState<ChannelIdentityState> state,
    IIdGenerator ids,
    ICustomerLedger ledger,
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

        var linkedTo = await RedeemContinueLinkAsync(message);
        var customer = await EnsureCustomerAsync(message.ReplyTo, message.Sender, message.Verified, linkedTo);
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

    private async Task<ICustomerGrain> EnsureCustomerAsync(ChannelAddress replyTo, SenderProfile sender, VerifiedFacts? verified, Guid? linkedTo = null)
    {
        var s = state.State;
        var newFacts = verified?.OwnerKeys(Key.TenantId).Where(f => !s.ClaimedFacts.Contains(f)).ToList() ?? [];
        if (s.CustomerId is null || newFacts.Count > 0 || (linkedTo is { } target && target != s.CustomerId))
        {
            // First contact, a fact the channel now vouches for, or a "continue in messenger" link the customer opened:
            // the identity belongs to whoever owns the fact in this tenant (the first to claim it), else to the link's
            // customer, else to its current (or a new) customer. Bound before anything else happens, so a retry after a
            // crash finds the same customer (claims answer the same owner again).
            var previous = s.CustomerId;
            var customerId = await LinkAsync(newFacts, linkedTo ?? previous ?? ids.NewId());
            if (linkedTo == customerId && previous != customerId)
            {
                await AuditLinkAsync(customerId, previous);
            }

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

    /// <inheritdoc />
    public async Task<bool> OpenedByLinkAsync(string referral, ChannelAddress replyTo, SenderProfile sender)
    {
        if (replyTo.Kind != Key.Kind || await RedeemContinueLinkAsync(referral) is not { } linkedTo)
        {
            return false;
        }

        await EnsureCustomerAsync(replyTo, sender, verified: null, linkedTo);
        return true;
    }

    /// <summary>The customer a "continue in messenger" token in <paramref name="message"/> names (the token is then spent), or null.</summary>
    private Task<Guid?> RedeemContinueLinkAsync(InboundMessage message) =>
        RedeemContinueLinkAsync(message.Referral is { } referral && ContinueLinkToken.Find(referral) is not null
            ? referral
            : message.Content switch
            {
                TextContent t => t.Text,
                ButtonPressContent b => b.Payload,
                _ => null,
            });

    /// <summary>The customer a "continue in messenger" token in <paramref name="text"/> names (the token is then spent), or null.</summary>
    private async Task<Guid?> RedeemContinueLinkAsync(string? text)
    {
        if (ContinueLinkToken.Find(text) is not { } token)
        {
            return null;
        }

        var customerId = await GrainFactory.GetGrain<IContinueLinkTokenGrain>(ContinueLinkToken.ToGrainKey(Key.TenantId, token)).RedeemAsync(Key);
        if (customerId is null)
        {
            LogContinueLinkRefused(logger, Key.Kind, Key.TenantId);
        }

        return customerId;
    }

    private Task AuditLinkAsync(Guid customerId, Guid? previous) =>
        ledger.AppendAuditAsync([new CustomerAuditEntry(Key.TenantId, customerId, time.GetUtcNow(), null, Key.Kind.ToString(), "linked",
            System.Text.Json.JsonSerializer.Serialize(new
            {
                via = "continue-link",
                identity = new { kind = Key.Kind.ToString(), account = Key.Account, externalUserId = Key.ExternalUserId },
                fromCustomer = previous,
            }))]);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Kind} identity of tenant {TenantId} opened a continue-in-messenger link that is spent, expired or unknown here: it goes on as it was")]
    private static partial void LogContinueLinkRefused(ILogger logger, ChannelKind kind, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} identity of tenant {TenantId} carries a verified {Fact} of customer {Owner} but belongs to customer {Chosen}: left for operators to merge")]
    private static partial void LogFactOwnedElsewhere(ILogger logger, ChannelKind kind, Guid tenantId, string fact, Guid owner, Guid chosen);
}
