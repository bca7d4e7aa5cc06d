using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Bot;

namespace Conversations.Grains.Conversations;

/// <summary>Turns: the bot answers in bot status; the <see cref="WaitingRoom"/> answers callback and leave-a-message buttons.</summary>
internal sealed partial class ConversationGrain
{
    /// <summary>Payload of the button that asks for a human.</summary>
    internal const string HandoffPayload = "handoff";

    /// <inheritdoc />
    public async Task RunPendingBotTurnsAsync()
    {
        if (_record is not { TurnPending: true } current || _details.Customer is null || _details.ReplyTo is null)
        {
            return;
        }

        var pending = (await store.ReadMessagesAsync(_key.TenantId, _key.ConversationId,
                new HistoryQuery(AfterSeq: current.BotCursor, Limit: 50, IncludeBot: false, IncludeEvents: false)))
            .Where(m => m.Direction == MessageDirection.Customer)
            .ToList();
        var settings = await tenantSettings.GetAsync(_key.TenantId);
        var draft = Draft(current);
        foreach (var message in pending)
        {
            if (draft.Record.Status == ConversationStatus.Bot && !await BotTurnAsync(draft, message, settings))
            {
                // The bot could not run for a passing reason (its grain's storage away, a silo leaving): keep this
                // message pending; the sweeper wakes the conversation again.
                break;
            }
            else if (draft.Record.Status == ConversationStatus.WaitingForOperator)
            {
                WaitingRoomTurn(draft, message, settings);
            }

            draft.Record = draft.Record with { BotCursor = message.Seq };
        }

        if (pending.Count == 0)
        {
            draft.Record = draft.Record with { BotCursor = current.LastCustomerSeq };
        }

        var postponed = pending.Count > 0 && draft.Record.BotCursor < pending[^1].Seq;
        await CommitAsync(draft);
        if (_record!.TurnPending && !postponed)
        {
            ScheduleTurn(); // more than one page was pending
        }
    }

    /// <summary>One bot turn into the draft; false when the bot could not run for a passing reason (try again later).</summary>
    private async Task<bool> BotTurnAsync(ConversationDraft draft, ChatMessage message, TenantSettings settings)
    {
        if (AsksForHuman(message.Content, settings))
        {
            Handoff(draft, "The customer asked for an operator.", settings);
            return true;
        }

        BotReply reply;
        try
        {
            reply = await bot.ReplyAsync(new BotRequest(_key.TenantId, _key.ConversationId, draft.Details.Customer!, message,
                ChannelCatalog.For(draft.Details.ReplyTo!.Kind), draft.Details.BotSession), CancellationToken.None);
        }
        catch (Exception ex) when (TransientFailure.Is(ex))
        {
            LogBotPostponed(logger, ex, _key.ConversationId, message.Seq);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failing bot must not wedge the conversation: log, skip this message, keep going.
            LogBotFailed(logger, ex, _key.ConversationId, message.Seq);
            return true;
        }

        draft.Details.BotSession = reply.SessionJson;
        foreach (var note in reply.Events ?? [])
        {
            draft.Event(note.Event, note.Detail);
        }

        foreach (var content in reply.Messages)
        {
            draft.ToCustomer(content);
        }

        if (reply.CustomerUpdate is { IsEmpty: false } update)
        {
            // Keep the conversation's copy current for the next turn; the customer grain gets it one-way.
            draft.Details.Customer = update.ApplyTo(draft.Details.Customer!);
            draft.Then(() => AfterCommit("Customer update", () => Customer().ApplyUpdateAsync(update)));
        }

        draft.Details.NotUnderstoodInRow = reply.Understood ? 0 : draft.Details.NotUnderstoodInRow + 1;
        if (!reply.Understood && message.Content is TextContent { Text: var question })
        {
            draft.Details.PendingQuestion = question;
        }
        if (reply.HandoffReason is { } reason)
        {
            Handoff(draft, reason, settings);
        }
        else if (draft.Details.NotUnderstoodInRow >= settings.BotGiveUpAfter)
        {
            Handoff(draft, $"The bot did not understand {draft.Details.NotUnderstoodInRow} messages in a row.", settings);
        }

        return true;
    }

    /// <summary>While the customer waits for an operator: the <see cref="WaitingRoom"/>'s answer, applied to the draft.</summary>
    private void WaitingRoomTurn(ConversationDraft draft, ChatMessage message, TenantSettings settings)
    {
        var answer = WaitingRoom.Answer(message.Content, draft.Details.AwaitingCallbackPhone, draft.Details.Customer!.Phones.Count > 0, draft.Now, settings);
        draft.Details.AwaitingCallbackPhone = answer.AwaitingCallbackPhone;
        if (answer.PhoneToRecord is { } phone)
        {
            draft.Then(() => AfterCommit("Customer phone", () => Customer().RecordPhoneAsync(phone)));
        }

        if (answer.CallbackAt is { } at)
        {
            draft.Details.CallbackAt = at;
            draft.Event(ConversationEventKind.CallbackRequested, at.ToString("O", CultureInfo.InvariantCulture));
        }

        foreach (var reply in answer.Replies)
        {
            draft.ToCustomer(reply);
        }

        if (answer.CallbackAt is not null)
        {
            var entry = QueueEntryOf(draft.Record, draft.Details);
            draft.Then(() => AfterCommit("Callback request in the queue", () => Queue().CustomerWaitingAsync(entry)));
        }
    }

    private static bool AsksForHuman(MessageContent content, TenantSettings settings) => content switch
    {
        ButtonPressContent { Payload: HandoffPayload } => true,
        TextContent text => HandoffKeywords.Match(text.Text, settings.HandoffKeywords),
        _ => false,
    };

    private ICustomerGrain Customer() =>
        GrainFactory.GetGrain<ICustomerGrain>(new CustomerKey(_key.TenantId, _record!.CustomerId).ToGrainKey());
}
