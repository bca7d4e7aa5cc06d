using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Outbound;
using Conversations.Grains.Outbound;
using Conversations.Grains.Subscriptions;
using Conversations.Grains.Tenants;
using Conversations.Persistence.Conversations;

namespace Conversations.Grains.Conversations;

/// <summary>Messages the business starts: judged by each channel's rule, then sent through the outbox like a bot reply.</summary>
internal sealed partial class ConversationGrain
{
    /// <inheritdoc />
    public async Task<BusinessMessageResult> SendBusinessMessageAsync(CustomerProfile customer, BusinessMessage message,
        IReadOnlyDictionary<ChannelKind, DateTimeOffset>? earlierWindows)
    {
        if (_recent.TryGet(message.DedupKey, out var known))
        {
            return new BusinessMessageResult(known.MessageId, customer.CustomerId, known.ConversationId, null, OutboundRuleNames.Duplicate, true);
        }

        if (_record?.Status == ConversationStatus.Closed)
        {
            throw DomainException.Conflict($"Conversation {_key.ConversationId} is closed.");
        }

        var problems = CannedReplyRules.Problems([message.Content]);
        if (problems.Count > 0)
        {
            throw DomainException.Invalid(string.Join(" ", problems).Replace("messages[0]: ", "", StringComparison.Ordinal));
        }

        var draft = Draft(_record ?? NewRecord(customer));
        if (_record is null)
        {
            foreach (var (channel, at) in earlierWindows ?? new Dictionary<ChannelKind, DateTimeOffset>())
            {
                draft.Details.LastCustomerMessageAt[channel] = at;
            }

            draft.Event(ConversationEventKind.ConversationOpened);
        }

        draft.Details.Customer = customer;
        var verdict = Choose(draft, customer, message);
        if (message.Event is { } businessEvent)
        {
            return await StartEventFlowAsync(draft, customer, message, businessEvent, verdict);
        }

        var to = verdict.Identity!.ReplyTo;
        draft.Details.ReplyTo ??= to;
        draft.Record = draft.Record with { LastChannel = draft.Record.LastChannel ?? to.Kind };
        var content = message.Topic is { Marketing: true } topic
            ? Unsubscribe.Offer(message.Content, topic, to.Kind, await SettingsAsync(draft.Details))
            : message.Content;
        var stored = draft.ToCustomer(content, MessageDirection.Bot, to: to, dedupKey: message.DedupKey,
            messageTag: verdict.Rule == OutboundRuleNames.MessengerTag ? message.MessageTag : null);
        try
        {
            await CommitAsync(draft);
        }
        catch (DuplicateMessageException)
        {
            return await StoredEarlierAsync(customer, message);
        }

        _recent.Add(new DedupEntry(message.DedupKey, _key.ConversationId, stored.Seq, stored.MessageId));
        return new BusinessMessageResult(stored.MessageId, customer.CustomerId, _key.ConversationId, to.Kind, verdict.Rule, false);
    }

    /// <summary>The answer to a key used for another conversation of this tenant (another customer, or an earlier conversation).</summary>
    private async Task<BusinessMessageResult> StoredEarlierAsync(CustomerProfile customer, BusinessMessage message)
    {
        var entry = await store.FindByDedupKeyAsync(_key.TenantId, message.DedupKey)
            ?? throw new InvalidOperationException($"Dedup key {message.DedupKey} reported stored but not found.");
        return new BusinessMessageResult(entry.MessageId, customer.CustomerId, entry.ConversationId, null, OutboundRuleNames.Duplicate, true);
    }

    /// <summary>
    /// The first channel of the message's list whose rule allows it (the customer's last channel when the list is
    /// empty); a refusal naming the first channel's rule, with every channel's reason, when none does.
    /// </summary>
    private static OutboundVerdict Choose(ConversationDraft draft, CustomerProfile customer, BusinessMessage message)
    {
        var details = draft.Details;
        IReadOnlyList<ChannelKind> channels = message.Channels.Count > 0
            ? message.Channels
            : LastUsed(details, customer) is { } lastUsed ? [lastUsed] : [];
        if (channels.Count == 0)
        {
            throw DomainException.Rule(OutboundRuleNames.NoIdentity, "The customer has no channel identity: they never wrote to the business on a messenger.");
        }

        var refusals = new List<(ChannelKind Channel, OutboundVerdict Verdict)>();
        foreach (var channel in channels)
        {
            var verdict = OutboundChannelRules.Judge(channel, customer, details.ReplyTo, message.Content, message.MessageTag,
                details.LastCustomerMessageAt.TryGetValue(channel, out var last) ? last : null,
                details.WindowClosedAt.TryGetValue(channel, out var closed) ? closed : null, draft.Now);
            if (verdict.Allowed)
            {
                return verdict;
            }

            refusals.Add((channel, verdict));
        }

        throw DomainException.Rule(refusals[0].Verdict.Rule, refusals.Count == 1
            ? $"{refusals[0].Verdict.Rule}: {refusals[0].Verdict.Reason}"
            : string.Join(" ", refusals.Select(r => $"{r.Channel} ({r.Verdict.Rule}): {r.Verdict.Reason}")));
    }

    /// <summary>The channel the customer wrote from last: in this conversation, else in the earlier one, else their newest identity.</summary>
    private static ChannelKind? LastUsed(ConversationDetails details, CustomerProfile customer) =>
        details.ReplyTo?.Kind
        ?? (details.LastCustomerMessageAt.Count > 0 ? details.LastCustomerMessageAt.MaxBy(w => w.Value).Key : (ChannelKind?)null)
        ?? customer.Identities.Where(i => !i.Unreachable).MaxBy(i => i.FirstSeenAt)?.Key.Kind
        ?? customer.Identities.MaxBy(i => i.FirstSeenAt)?.Key.Kind;
}
