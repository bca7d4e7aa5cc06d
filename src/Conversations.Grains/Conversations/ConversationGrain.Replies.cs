using System.Globalization;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Infrastructure;
using Conversations.Grains.Outbound;
using Conversations.Grains.Tenants;

namespace Conversations.Grains.Conversations;

/// <summary>Operator replies: on the channel the customer last wrote from, or on another linked channel the operator chose, within each channel's window.</summary>
internal sealed partial class ConversationGrain
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ChatMessage>> SendOperatorMessageAsync(Guid operatorId, IReadOnlyList<MessageContent> contents) =>
        SendOperatorAsync(operatorId, contents, null, null);

    /// <inheritdoc />
    public Task<IReadOnlyList<ChatMessage>> SendOperatorMessageOnAsync(Guid operatorId, IReadOnlyList<MessageContent> contents, CustomerProfile customer,
        ChannelKind channel) =>
        SendOperatorAsync(operatorId, contents, customer, channel);

    private async Task<IReadOnlyList<ChatMessage>> SendOperatorAsync(Guid operatorId, IReadOnlyList<MessageContent> contents, CustomerProfile? customer,
        ChannelKind? channel)
    {
        var current = AssignedTo(operatorId);
        var problems = CannedReplyRules.Problems(contents);
        if (problems.Count > 0)
        {
            throw DomainException.Invalid(string.Join(" ", problems));
        }

        var settings = await SettingsAsync(_details);
        var draft = Draft(current);
        var to = ChosenChannel(draft, contents, customer, channel);
        if (to is null)
        {
            EnsureWindowOpen(draft, humanOperator: true, contents);
        }

        var sent = contents.Select(c => draft.ToCustomer(c, MessageDirection.Operator, operatorId, to: to)).ToList();
        draft.Details.ReleaseAt = draft.Now.AddMinutes(settings.AutoReleaseMinutes);
        if (draft.Details.PendingQuestion is { } question && contents.OfType<TextContent>().FirstOrDefault() is { } answer)
        {
            // The bot could not answer this; the operator just did. Propose the pair for the FAQ.
            draft.Details.PendingQuestion = null;
            draft.Then(() => AfterCommit("FAQ proposal",
                () => GrainFactory.GetGrain<IKnowledgeBaseGrain>(_key.TenantId).ProposeAsync(question, answer.Text, _key.ConversationId)));
        }
        await CommitAsync(draft);
        await ArmTimersAsync();
        return sent;
    }

    /// <summary>
    /// Refuses a reply the channel's messaging window no longer allows, naming the rule. WhatsApp templates are the
    /// way to write outside the window there (and exist nowhere else); a reply of templates only is always let through.
    /// </summary>
    private static void EnsureWindowOpen(ConversationDraft draft, bool humanOperator, IReadOnlyList<MessageContent>? contents = null)
    {
        var channel = draft.Details.ReplyTo?.Kind ?? throw DomainException.Rule("The customer has no channel to reply to yet.");
        var templates = contents?.Count(c => c is TemplateContent) ?? 0;
        if (templates > 0 && channel != ChannelKind.WhatsApp)
        {
            throw DomainException.Rule($"Message templates are WhatsApp's; the customer is on {channel}: send a text instead.");
        }

        if (templates > 0 && templates == contents!.Count)
        {
            return;
        }

        if (!draft.Details.LastCustomerMessageAt.TryGetValue(channel, out var last))
        {
            return;
        }

        var window = MessagingWindow.For(channel, last, draft.Details.WindowClosedAt.TryGetValue(channel, out var closedEarly) ? closedEarly : null);
        if (!window.IsOpen(draft.Now, humanOperator))
        {
            LiveChatMetrics.WindowRefused(channel.ToString(), humanOperator);
            var closed = humanOperator ? window.HumanClosesAt : window.BotClosesAt;
            var then = channel == ChannelKind.WhatsApp ? ", or send an approved message template now." : ".";
            throw DomainException.Rule(string.Create(CultureInfo.InvariantCulture,
                $"The {channel} messaging window closed at {closed:u} ({window.Rule}): the customer last wrote at {last:u}. You can reply again after they write{then}"));
        }
    }

    /// <summary>
    /// Where an operator's reply goes when they chose <paramref name="channel"/>: null for the channel the customer last
    /// wrote from (or no choice), which <see cref="EnsureWindowOpen"/> judges; else the customer's identity there, once
    /// that channel's rule allows a human agent's reply now (a refusal names the rule).
    /// </summary>
    private static ChannelAddress? ChosenChannel(ConversationDraft draft, IReadOnlyList<MessageContent> contents, CustomerProfile? customer, ChannelKind? channel)
    {
        if (channel is not { } kind || customer is null || kind == draft.Details.ReplyTo?.Kind)
        {
            return null;
        }

        if (customer.CustomerId != draft.Record.CustomerId)
        {
            throw DomainException.Invalid($"Customer {customer.CustomerId} is not this conversation's customer.");
        }

        var details = draft.Details;
        var verdict = OperatorChannelRules.Judge(kind, customer, details.ReplyTo, contents,
            details.LastCustomerMessageAt.TryGetValue(kind, out var last) ? last : null,
            details.WindowClosedAt.TryGetValue(kind, out var closed) ? closed : null, draft.Now);
        if (!verdict.Allowed)
        {
            LiveChatMetrics.WindowRefused(kind.ToString(), humanOperator: true);
            throw DomainException.Rule(verdict.Rule, $"{verdict.Rule}: {verdict.Reason}");
        }

        return verdict.Identity!.ReplyTo;
    }
}
