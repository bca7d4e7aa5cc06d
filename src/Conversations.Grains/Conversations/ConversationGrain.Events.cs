using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Outbound;
using Conversations.Bot.Engine;
using Conversations.Grains.Bot;
using Conversations.Grains.Outbound;
using Conversations.Persistence.Conversations;

namespace Conversations.Grains.Conversations;

/// <summary>
/// Business events that start flows (<c>order_delivered</c> → the survey step): on the channel the channel rules chose,
/// the event is recorded in the history and the scenario's entry point for it runs in the same commit, as a bot turn.
/// </summary>
internal sealed partial class ConversationGrain
{
    private async Task<BusinessMessageResult> StartEventFlowAsync(ConversationDraft draft, CustomerProfile customer, BusinessMessage message,
        BusinessEvent businessEvent, OutboundVerdict verdict)
    {
        if (draft.Record.Status is ConversationStatus.WaitingForOperator or ConversationStatus.LiveChat)
        {
            throw DomainException.Rule(OutboundRuleNames.WithOperator,
                $"{OutboundRuleNames.WithOperator}: the customer is waiting for or talking with an operator; the bot does not start a flow over a person.");
        }

        // The flow goes where the rules allow it, and the customer's answers come back from there.
        var to = verdict.Identity!.ReplyTo;
        draft.Details.ReplyTo = to;
        draft.Record = draft.Record with { LastChannel = draft.Record.LastChannel ?? to.Kind };
        var received = draft.Add(MessageDirection.System, new EventContent(ConversationEventKind.BusinessEventReceived, businessEvent.Name),
            dedupKey: message.DedupKey);
        var settings = await SettingsAsync(draft.Details);
        draft.Disclosure = AutomationDisclosure.Of(settings);
        BotReply reply;
        try
        {
            reply = await bot.ReplyAsync(Request(draft, received, outsideCallsAllowed: false) with { Event = businessEvent }, CancellationToken.None);
        }
        catch (OutsideCallRequiredException)
        {
            throw DomainException.Rule(OutboundRuleNames.EventHttpStep, $"{OutboundRuleNames.EventHttpStep}: the entry point of '{businessEvent.Name}' " +
                "reaches an http step before it waits for the customer; send what the flow needs in the event's data, or call out after the customer's answer.");
        }

        ApplyBotReply(draft, received, reply, settings);
        try
        {
            await CommitAsync(draft);
        }
        catch (DuplicateMessageException)
        {
            return await StoredEarlierAsync(customer, message);
        }

        _recent.Add(new DedupEntry(message.DedupKey, _key.ConversationId, received.Seq, received.MessageId));
        return new BusinessMessageResult(received.MessageId, customer.CustomerId, _key.ConversationId, to.Kind, verdict.Rule, false);
    }
}
