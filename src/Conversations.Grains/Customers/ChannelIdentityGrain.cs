using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Grains.Infrastructure;

namespace Conversations.Grains.Customers;

/// <inheritdoc cref="IChannelIdentityGrain" />
internal sealed class ChannelIdentityGrain(
    [PersistentState("identity", StorageNames.GrainState)] IPersistentState<ChannelIdentityState> state,
    IIdGenerator ids,
    TimeProvider time) : Grain, IChannelIdentityGrain
{
    private ChannelIdentityKey Key => ChannelIdentityKey.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<InboundResult> ReceiveAsync(InboundMessage message)
    {
        if (message.Identity != Key)
        {
            throw DomainException.Invalid($"Message for {message.Identity} sent to identity {Key}.");
        }

        var customer = await EnsureCustomerAsync(message.ReplyTo, message.Sender);
        return await customer.ReceiveAsync(message);
    }

    /// <inheritdoc />
    public async Task<bool> ReceiveEditAsync(InboundEdit edit) =>
        state.State.CustomerId is { } customerId
        && await GrainFactory.GetGrain<ICustomerGrain>(new CustomerKey(Key.TenantId, customerId).ToGrainKey()).ReceiveEditAsync(edit);

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

    private async Task<ICustomerGrain> EnsureCustomerAsync(ChannelAddress replyTo, SenderProfile sender)
    {
        var s = state.State;
        if (s.CustomerId is null)
        {
            // First contact: the identity is bound to a new customer before anything else happens,
            // so a retry after a crash finds the same customer.
            s.CustomerId = ids.NewId();
            s.FirstSeenAt = time.GetUtcNow();
            s.ReplyTo = replyTo;
            await state.WriteStateAsync();
        }

        var customer = GrainFactory.GetGrain<ICustomerGrain>(new CustomerKey(Key.TenantId, s.CustomerId.Value).ToGrainKey());
        var reachableAgain = !s.Reachable; // a customer who writes has unblocked the bot
        if (!s.Registered || s.LastSender != sender || s.ReplyTo != replyTo || reachableAgain)
        {
            await customer.RegisterIdentityAsync(new ChannelIdentity(Key, replyTo, Unreachable: false, s.FirstSeenAt), sender);
            s.Registered = true;
            s.LastSender = sender;
            s.ReplyTo = replyTo;
            s.Reachable = true;
            await state.WriteStateAsync();
        }

        return customer;
    }
}
