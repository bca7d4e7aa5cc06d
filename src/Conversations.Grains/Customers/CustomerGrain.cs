using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Outbound;
using Conversations.Grains.Infrastructure;
using Conversations.Persistence.Customers;
using Conversations.Persistence.Queries;

namespace Conversations.Grains.Customers;

/// <inheritdoc cref="ICustomerGrain" />
/// <remarks>Parts: this file (identities, messages, profile), <c>.Merge</c> (merge and unmerge), <c>.Edit</c> (operators' edits).</remarks>
internal sealed partial class CustomerGrain(
    [PersistentState("customer", StorageNames.GrainState)] IPersistentState<CustomerState> state,
    IReadModels directory,
    ICustomerLedger ledger,
    IIdGenerator ids,
    Persistence.Subscriptions.ISubscriptionLedger subscriptions,
    TimeProvider time) : Grain, ICustomerGrain
{
    private CustomerKey Key => CustomerKey.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<CustomerProfile> RegisterIdentityAsync(ChannelIdentity identity, SenderProfile sender)
    {
        if (Redirect(identity.Key) is { } moved)
        {
            return await moved.RegisterIdentityAsync(identity, sender);
        }

        var s = state.State;
        if (!s.Exists)
        {
            s.Exists = true;
            s.CreatedAt = time.GetUtcNow();
        }

        s.Identities.RemoveAll(i => i.Key == identity.Key);
        s.Identities.Add(identity);
        // A channel's real name replaces a made-up one, never a name the business's system or an operator gave.
        if (!string.IsNullOrWhiteSpace(sender.DisplayName) && (sender.GeneratedName ? s.DisplayName.Length == 0 : s.NameGenerated || !s.NameVerified)
            && s.DisplayName != sender.DisplayName.Trim())
        {
            s.DisplayName = sender.DisplayName.Trim();
            s.NameSetAt = time.GetUtcNow();
            s.NameVerified = false;
            s.NameGenerated = sender.GeneratedName;
        }
        else if (s.DisplayName.Length == 0)
        {
            s.DisplayName = sender.Username ?? $"{identity.Key.Kind} {identity.Key.ExternalUserId}";
            s.NameGenerated = sender.Username is null;
        }

        s.Username = sender.Username ?? s.Username;
        if (identity.Key.Kind == ChannelKind.Email && EmailAddresses.Normalize(identity.Key.ExternalUserId) is { } writesFrom
            && !s.Emails.Contains(writesFrom, StringComparer.OrdinalIgnoreCase))
        {
            // The address a customer writes from is their contact, verified or not: operators are offered matches on it.
            s.Emails.Add(writesFrom);
        }

        if (identity.Verified is { } verified)
        {
            // What the channel vouches for is a contact of the customer too (and the only kind linking trusts).
            if (PhoneNumbers.ToE164(verified.Phone) is { } phone && !s.Phones.Contains(phone))
            {
                s.Phones.Add(phone);
            }

            if (EmailAddresses.Normalize(verified.Email) is { } email && !s.Emails.Contains(email, StringComparer.OrdinalIgnoreCase))
            {
                s.Emails.Add(email);
            }

            s.ExternalId ??= verified.ExternalId;
        }

        await SaveAsync();
        return Profile();
    }

    /// <inheritdoc />
    public async Task<InboundResult> ReceiveAsync(InboundMessage message)
    {
        if (Redirect(message.Identity) is { } moved)
        {
            // Merged, or the identity was split out: the message lands where the identity belongs now.
            return await moved.ReceiveAsync(message);
        }

        if (!state.State.Exists)
        {
            throw DomainException.NotFound($"Customer {Key.CustomerId} has no registered identity.");
        }

        if (message.Content is ContactContent contact && contact.ExternalUserId == message.Identity.ExternalUserId)
        {
            // The customer shared their own contact: keep the phone on the profile.
            await AddPhoneAsync(contact.PhoneNumber);
        }

        if (message.Thread is { } thread)
        {
            return await ReceiveInThreadAsync(message, thread);
        }

        var conversationId = await EnsureConversationAsync(forceNew: false);
        try
        {
            return await Conversation(conversationId).ReceiveCustomerMessageAsync(Profile(), message);
        }
        catch (DomainException ex) when (ex.Code == DomainErrorCode.Conflict && state.State.CurrentConversationId == conversationId)
        {
            // The conversation closed just before this message: the message opens the next one.
            conversationId = await EnsureConversationAsync(forceNew: true);
            return await Conversation(conversationId).ReceiveCustomerMessageAsync(Profile(), message);
        }
    }

    /// <inheritdoc />
    public async Task<bool> ReceiveEditAsync(InboundEdit edit) =>
        Redirect(edit.Identity) is { } moved
            ? await moved.ReceiveEditAsync(edit)
            : state.State.CurrentConversationId is { } conversationId && await Conversation(conversationId).ApplyCustomerEditAsync(edit);

    /// <inheritdoc />
    public async Task<bool> RecordChannelReplyAsync(InboundMessage reply) =>
        Redirect(reply.Identity) is { } moved
            ? await moved.RecordChannelReplyAsync(reply)
            : state.State.CurrentConversationId is { } conversationId && await Conversation(conversationId).RecordChannelReplyAsync(reply);

    /// <inheritdoc />
    public Task<CustomerProfile?> GetProfileAsync() =>
        Redirect() is { } survivor ? survivor.GetProfileAsync() : Task.FromResult(state.State.Exists ? Profile() : null);

    /// <inheritdoc />
    public async Task DetachIdentityAsync(ChannelIdentityKey identity)
    {
        if (Redirect(identity) is { } moved)
        {
            await moved.DetachIdentityAsync(identity);
        }
        else if (state.State.Identities.RemoveAll(i => i.Key == identity) > 0)
        {
            await SaveAsync();
        }
    }

    /// <inheritdoc />
    public async Task SetIdentityReachableAsync(ChannelIdentityKey identity, bool reachable)
    {
        if (Redirect(identity) is { } moved)
        {
            await moved.SetIdentityReachableAsync(identity, reachable);
            return;
        }

        var index = state.State.Identities.FindIndex(i => i.Key == identity);
        if (index < 0 || state.State.Identities[index].Unreachable == !reachable)
        {
            return;
        }

        state.State.Identities[index] = state.State.Identities[index] with { Unreachable = !reachable };
        await SaveAsync();
    }

    /// <inheritdoc />
    public Task RecordPhoneAsync(string phone) => Redirect() is { } survivor ? survivor.RecordPhoneAsync(phone) : AddPhoneAsync(phone);

    /// <inheritdoc />
    public async Task ApplyUpdateAsync(CustomerUpdate update)
    {
        if (Redirect() is { } survivor)
        {
            await survivor.ApplyUpdateAsync(update);
            return;
        }

        if (!state.State.Exists || update.IsEmpty)
        {
            return;
        }

        var s = state.State;
        s.Consents.AddRange(update.Consents);
        s.Phones.AddRange(update.Phones.Select(p => p.Trim()).Where(p => p.Length > 0 && !s.Phones.Contains(p)).Distinct());
        s.Emails.AddRange(update.Emails.Select(e => e.Trim()).Where(e => e.Length > 0 && !s.Emails.Contains(e, StringComparer.OrdinalIgnoreCase)).Distinct());
        foreach (var (name, value) in update.Attributes)
        {
            s.Attributes[name] = value;
            s.AttributeTypes.Remove(name); // the bot writes text
            s.AttributeSetAt[name] = time.GetUtcNow();
        }

        await SaveAsync();
    }

    /// <inheritdoc />
    public async Task<CustomerProfile> UpsertFromIntegrationAsync(CustomerUpsert upsert)
    {
        if (Redirect() is { } survivor)
        {
            return await survivor.UpsertFromIntegrationAsync(upsert);
        }

        var s = state.State;
        if (!s.Exists)
        {
            s.Exists = true;
            s.CreatedAt = time.GetUtcNow();
        }

        if (s.ExternalId is { } known && !string.Equals(known, upsert.ExternalId, StringComparison.Ordinal))
        {
            throw DomainException.Conflict($"Customer {Key.CustomerId} already has the external id '{known}'.");
        }

        s.ExternalId = upsert.ExternalId;
        if (!string.IsNullOrWhiteSpace(upsert.DisplayName))
        {
            s.DisplayName = upsert.DisplayName.Trim();
            s.NameSetAt = time.GetUtcNow();
            s.NameVerified = true;
            s.NameGenerated = false;
        }
        else if (s.DisplayName.Length == 0)
        {
            s.DisplayName = upsert.ExternalId;
        }

        s.Phones.AddRange(upsert.Phones.Where(p => !s.Phones.Contains(p)).Distinct(StringComparer.Ordinal));
        s.Emails.AddRange(upsert.Emails.Where(e => !s.Emails.Contains(e, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase));
        foreach (var name in upsert.RemovedAttributes)
        {
            s.Attributes.Remove(name);
            s.AttributeTypes.Remove(name);
            s.AttributeSetAt.Remove(name);
        }

        foreach (var (name, attribute) in upsert.Attributes)
        {
            s.Attributes[name] = attribute.Value;
            s.AttributeSetAt[name] = time.GetUtcNow();
            if (attribute.Type == CustomerAttributeType.Text)
            {
                s.AttributeTypes.Remove(name);
            }
            else
            {
                s.AttributeTypes[name] = attribute.Type;
            }
        }

        await SaveAsync();
        return Profile();
    }

    /// <inheritdoc />
    public async Task ConversationClosedAsync(Guid conversationId)
    {
        if (Redirect() is { } survivor)
        {
            await survivor.ConversationClosedAsync(conversationId);
        }
        else if (state.State.CurrentConversationId == conversationId)
        {
            state.State.CurrentConversationId = null;
            state.State.LastConversationId = conversationId;
            await SaveAsync();
        }
    }

    /// <inheritdoc />
    public async Task<BusinessMessageResult> SendBusinessMessageAsync(BusinessMessage message)
    {
        if (Redirect() is { } survivor)
        {
            return await survivor.SendBusinessMessageAsync(message);
        }

        if (!state.State.Exists)
        {
            throw DomainException.NotFound($"Customer {Key.CustomerId} does not exist.");
        }

        if (message.Topic is { } topic && await subscriptions.IsOptedOutAsync(Key.TenantId, Key.CustomerId, topic.Key, topic.Marketing))
        {
            throw DomainException.Rule(OutboundRuleNames.TopicUnsubscribed,
                $"{OutboundRuleNames.TopicUnsubscribed}: the customer opted out of '{topic.Key}'{(topic.Marketing ? " (or of all marketing)" : "")}; nothing was sent.");
        }

        if (state.State.CurrentConversationId is { } current)
        {
            try
            {
                return await Conversation(current).SendBusinessMessageAsync(Profile(), message, null);
            }
            catch (DomainException ex) when (ex.Code == DomainErrorCode.Conflict && state.State.CurrentConversationId == current)
            {
                // The conversation closed just before this message: the message opens the next one.
                return await OpenWithAsync(message, current);
            }
        }

        return await OpenWithAsync(message, state.State.LastConversationId);
    }

    /// <summary>
    /// Opens a conversation with a message the business starts; it becomes current only once the message is stored, so
    /// a refused message leaves no empty conversation behind.
    /// </summary>
    private async Task<BusinessMessageResult> OpenWithAsync(BusinessMessage message, Guid? previous)
    {
        var windows = previous is { } id && await Conversation(id).GetViewAsync() is { } view ? view.LastCustomerMessageAt : null;
        var opened = ids.NewId();
        var result = await Conversation(opened).SendBusinessMessageAsync(Profile(), message, windows);
        if (!result.Duplicate)
        {
            state.State.CurrentConversationId = opened;
            await SaveAsync();
        }

        return result;
    }

    private async Task<Guid> EnsureConversationAsync(bool forceNew)
    {
        if (state.State.CurrentConversationId is { } current && !forceNew)
        {
            return current;
        }

        var id = ids.NewId();
        state.State.CurrentConversationId = id;
        await SaveAsync();
        return id;
    }

    private async Task AddPhoneAsync(string phone)
    {
        var normalized = phone.Trim();
        if (normalized.Length > 0 && !state.State.Phones.Contains(normalized))
        {
            state.State.Phones.Add(normalized);
            await SaveAsync();
        }
    }

    /// <summary>Writes the state, then the searchable copy in the customer directory.</summary>
    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        var s = state.State;
        if (s.Exists && s.MergedInto is null)
        {
            await directory.UpsertCustomerAsync(new CustomerRecord(Key.TenantId, Key.CustomerId, s.DisplayName, s.Username, [.. s.Phones], [.. s.Emails],
                [.. s.Identities.Select(i => i.Key.Kind).Distinct()], s.CreatedAt, time.GetUtcNow(), s.ExternalId, [.. s.Tags],
                new Dictionary<string, string>(s.Attributes, StringComparer.Ordinal),
                // The purposes whose latest answer is a yes: what a campaign's audience asks for.
                [.. s.Consents.GroupBy(c => c.Purpose, StringComparer.Ordinal).Where(g => g.MaxBy(c => c.At)!.Granted).Select(g => g.Key)]));
        }
    }

    /// <summary>
    /// Where calls go instead of here: the survivor once this customer was merged, or (for calls about
    /// <paramref name="identity"/>) the customer an unmerge moved the identity to; null when they are this one's.
    /// </summary>
    private ICustomerGrain? Redirect(ChannelIdentityKey? identity = null)
    {
        var s = state.State;
        var to = s.MergedInto ?? (identity is { } key ? s.Redirects.Find(r => r.Identity == key)?.CustomerId : null);
        return to is { } id ? Customer(id) : null;
    }

    private ICustomerGrain Customer(Guid customerId) => GrainFactory.GetGrain<ICustomerGrain>(new CustomerKey(Key.TenantId, customerId).ToGrainKey());

    private IConversationGrain Conversation(Guid conversationId) =>
        GrainFactory.GetGrain<IConversationGrain>(new ConversationKey(Key.TenantId, conversationId).ToGrainKey());

    private CustomerProfile Profile()
    {
        var s = state.State;
        return new CustomerProfile(
            Key.TenantId, Key.CustomerId, s.DisplayName, s.Username,
            [.. s.Phones], [.. s.Emails], [.. s.Identities], [.. s.Consents],
            new Dictionary<string, string>(s.Attributes, StringComparer.Ordinal),
            s.CurrentConversationId, s.CreatedAt, s.ExternalId,
            new Dictionary<string, CustomerAttributeType>(s.AttributeTypes, StringComparer.Ordinal), s.Notes, [.. s.Tags], s.NameGenerated);
    }
}
