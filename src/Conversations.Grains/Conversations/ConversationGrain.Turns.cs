using System.Globalization;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Abstractions.Tenants.Admission;
using Conversations.Bot.Engine;
using Conversations.Grains.Bot;
using Conversations.Grains.Infrastructure;

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

        if (_deferredTurns is not null)
        {
            // The tenant's budget is spent and the deferral timer has this conversation's place in the queue: asking
            // again now (the sweeper, an outside call's end) would only take another place further back.
            return;
        }

        var pending = (await store.ReadMessagesAsync(_key.TenantId, _key.ConversationId,
                new HistoryQuery(AfterSeq: current.BotCursor, Limit: 50, IncludeBot: false, IncludeEvents: false)))
            .Where(m => m.Direction == MessageDirection.Customer)
            .ToList();
        var settings = await SettingsAsync(_details);
        var draft = Draft(current);
        draft.Disclosure = AutomationDisclosure.Of(settings);
        foreach (var message in pending)
        {
            // Each turn is admitted by the tenant's plan (one resumed from an outside call was admitted when it started).
            var turn = draft.Record.Status is ConversationStatus.Bot or ConversationStatus.WaitingForOperator && _outsideTurn?.Seq != message.Seq;
            var lease = turn ? await AdmitTurnAsync() : TenantAdmissionLease.Unbounded;
            if (lease is null)
            {
                break; // deferred: the message stays pending, in order, until the tenant's budget allows (DeferTurns)
            }

            var outcome = BotTurnOutcome.Done;
            try
            {
                if (Subscriptions.Unsubscribe.Requested(message.Content, settings) is not null)
                {
                    // Answered when it was stored (ReceiveCustomerMessageAsync): not a question for the bot.
                }
                else if (draft.Record.Status == ConversationStatus.Bot)
                {
                    outcome = await PendingBotTurnAsync(draft, message, settings, lease);
                }
                else if (draft.Record.Status == ConversationStatus.WaitingForOperator)
                {
                    WaitingRoomTurn(draft, message, settings);
                }
            }
            finally
            {
                if (outcome != BotTurnOutcome.NeedsOutsideCall)
                {
                    lease.Dispose(); // an outside turn keeps its slot until its reply is in (StartOutsideTurn)
                }
            }

            if (outcome != BotTurnOutcome.Done)
            {
                // The bot could not run for a passing reason (its grain's storage away, a silo leaving), or the reply
                // waits for the business's system outside this turn: keep this message pending. The sweeper, or the
                // outside call when it is done, wakes the conversation again.
                break;
            }

            draft.Record = draft.Record with { BotCursor = message.Seq };
        }

        if (pending.Count == 0)
        {
            draft.Record = draft.Record with { BotCursor = current.LastCustomerSeq };
        }

        var postponed = pending.Count > 0 && draft.Record.BotCursor < pending[^1].Seq;
        if (draft.Record.BotCursor != current.BotCursor || draft.Messages.Count > 0)
        {
            await CommitAsync(draft);
        }

        if (_record!.TurnPending && !postponed)
        {
            ScheduleTurn(); // more than one page was pending
        }
    }

    /// <summary>
    /// The turn of a customer message in bot or waiting status, run into the draft that stores the message: the
    /// message, the reply, its outbox rows and the cursor become one commit. False when the turn must wait (the bot is
    /// away for a moment, or the reply calls the business's system): the message is then stored pending and answered
    /// on the cursor path. The same happens when the tenant's plan has no budget for a turn now (<see cref="AdmitTurnAsync"/>).
    /// </summary>
    private async Task<bool> InlineTurnAsync(ConversationDraft draft, ChatMessage message)
    {
        using var lease = await AdmitTurnAsync();
        if (lease is null)
        {
            return false; // over the tenant's budget: stored and acknowledged now, answered on the cursor path later
        }

        var settings = await SettingsAsync(draft.Details); // the message being stored may have told the customer's language
        draft.Disclosure = AutomationDisclosure.Of(settings);
        if (draft.Record.Status == ConversationStatus.WaitingForOperator)
        {
            WaitingRoomTurn(draft, message, settings);
            return true;
        }

        return await BotTurnAsync(draft, message, settings, outsideCallsAllowed: false) == BotTurnOutcome.Done;
    }

    /// <summary>A pending message's bot turn: inline when it makes no outside call, else started (or finished) outside the grain's turn.</summary>
    private async Task<BotTurnOutcome> PendingBotTurnAsync(ConversationDraft draft, ChatMessage message, TenantSettings settings, TenantAdmissionLease lease)
    {
        if (_outsideTurn is { } outside && outside.Seq == message.Seq)
        {
            if (!outside.Reply.IsCompleted)
            {
                return BotTurnOutcome.NeedsOutsideCall;
            }

            _outsideTurn = null;
            if (outside.SessionJson == draft.Details.BotSession)
            {
                return ApplyBotReplyOutcome(draft, message, settings, outside.Reply);
            }
        }

        var outcome = await BotTurnAsync(draft, message, settings, outsideCallsAllowed: false);
        if (outcome == BotTurnOutcome.NeedsOutsideCall)
        {
            StartOutsideTurn(draft, message, lease);
        }

        return outcome;
    }

    /// <summary>
    /// Runs the bot with its outside calls on the thread pool, so the grain keeps taking (and storing) customer
    /// messages while the business's system answers; when it is done, the grain is called to commit the reply.
    /// A crash meanwhile leaves the message pending: the sweeper runs the turn again.
    /// </summary>
    private void StartOutsideTurn(ConversationDraft draft, ChatMessage message, TenantAdmissionLease lease)
    {
        var request = Request(draft, message, outsideCallsAllowed: true);
        var self = this.AsReference<IConversationGrain>();
        var reply = Task.Run(() => bot.ReplyAsync(request, CancellationToken.None));
        _outsideTurn = new OutsideBotTurn(message.Seq, draft.Details.BotSession, reply);
        reply.ContinueWith(_ =>
        {
            lease.Dispose(); // the tenant's concurrent-turn slot is free once the business's system has answered
            self.RunPendingBotTurnsAsync().Ignore();
        }, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Ignore();
    }

    /// <summary>
    /// Admits one turn within the tenant's plan (<see cref="TenantWork.Inbound"/>); null when the budget is spent: the
    /// turns are then deferred to a timer (<see cref="DeferTurns"/>) and the messages wait, stored, on the cursor path.
    /// </summary>
    private async Task<TenantAdmissionLease?> AdmitTurnAsync()
    {
        var lease = await admission.AdmitAsync(TenantWork.Inbound, _key.TenantId);
        if (lease.Admitted)
        {
            return lease;
        }

        DeferTurns(lease.RetryAfter);
        return null;
    }

    /// <summary>
    /// Runs the pending turns when the tenant's budget is back. A grain timer (kept alive) for the wait; if the silo dies
    /// meanwhile, the stored cursor still says the messages are unanswered and the sweeper (or the next activation) runs them.
    /// </summary>
    private void DeferTurns(TimeSpan wait)
    {
        if (_deferredTurns is not null)
        {
            return;
        }

        _deferredTurns = this.RegisterGrainTimer(_ =>
        {
            _deferredTurns?.Dispose();
            _deferredTurns = null;
            return RunPendingBotTurnsAsync();
        }, new GrainTimerCreationOptions { DueTime = wait, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true });
    }

    private BotTurnOutcome ApplyBotReplyOutcome(ConversationDraft draft, ChatMessage message, TenantSettings settings, Task<BotReply> reply)
    {
        if (reply.IsCompletedSuccessfully)
        {
            ApplyBotReply(draft, message, reply.Result, settings);
            return BotTurnOutcome.Done;
        }

        var ex = reply.Exception?.GetBaseException() ?? new OperationCanceledException();
        if (TransientFailure.Is(ex))
        {
            LogBotPostponed(logger, ex, _key.ConversationId, message.Seq);
            return BotTurnOutcome.Postponed;
        }

        LogBotFailed(logger, ex, _key.ConversationId, message.Seq);
        return BotTurnOutcome.Done;
    }

    /// <summary>One bot turn into the draft.</summary>
    private async Task<BotTurnOutcome> BotTurnAsync(ConversationDraft draft, ChatMessage message, TenantSettings settings, bool outsideCallsAllowed)
    {
        if (AsksForHuman(message.Content, settings))
        {
            Handoff(draft, draft.Details.OperatorOfferReason is { } offered
                ? $"The customer accepted the bot's offer of an operator. {offered}"
                : "The customer asked for an operator.", settings, HandoffCause.Asked,
                EmailBotRule.AnswersOnce(draft.Details.ReplyTo!.Kind, settings) ? HandoffNotice.ToMail(draft.Now, settings, []) : null);
            draft.Details.OperatorOfferReason = null;
            return BotTurnOutcome.Done;
        }

        BotReply reply;
        try
        {
            reply = await bot.ReplyAsync(Request(draft, message, outsideCallsAllowed), CancellationToken.None);
        }
        catch (OutsideCallRequiredException)
        {
            return BotTurnOutcome.NeedsOutsideCall;
        }
        catch (Exception ex) when (TransientFailure.Is(ex))
        {
            LogBotPostponed(logger, ex, _key.ConversationId, message.Seq);
            return BotTurnOutcome.Postponed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failing bot must not wedge the conversation: log, skip this message, keep going.
            LogBotFailed(logger, ex, _key.ConversationId, message.Seq);
            return BotTurnOutcome.Done;
        }

        ApplyBotReply(draft, message, reply, settings);
        return BotTurnOutcome.Done;
    }

    private BotRequest Request(ConversationDraft draft, ChatMessage message, bool outsideCallsAllowed) =>
        new(_key.TenantId, _key.ConversationId, draft.Details.Customer!, message, ChannelCatalog.For(draft.Details.ReplyTo!.Kind),
            draft.Details.BotSession, outsideCallsAllowed, draft.Details.CustomerLanguage, draft.Details.BotUnderstanding);

    /// <summary>The bot's reply into the draft: messages, events, what it learnt about the customer, a handoff.</summary>
    private void ApplyBotReply(ConversationDraft draft, ChatMessage message, BotReply reply, TenantSettings settings)
    {
        draft.Details.BotSession = reply.SessionJson;
        var channel = draft.Details.ReplyTo!.Kind.ToString();
        draft.Then(() => LiveChatMetrics.BotReplied(channel, time.GetUtcNow() - message.CreatedAt));
        foreach (var note in reply.Events ?? [])
        {
            draft.Event(note with { OperatorId = null });
        }

        // A mail's one answer: the bot's messages go in the handoff's acknowledgement, in one mail.
        var oneMail = reply.HandoffReason is not null && EmailBotRule.AnswersOnce(draft.Details.ReplyTo!.Kind, settings);
        foreach (var content in oneMail ? Array.Empty<MessageContent>() : reply.Messages)
        {
            draft.ToCustomer(content);
        }

        SendVerificationCodes(draft, reply);
        if (reply.CustomerUpdate is { IsEmpty: false } update)
        {
            // Keep the conversation's copy current for the next turn; the customer grain gets it one-way.
            draft.Details.Customer = update.ApplyTo(draft.Details.Customer!);
            draft.Then(() => AfterCommit("Customer update", () => Customer().ApplyUpdateAsync(update)));
        }

        if (reply.FaqChoice is { } choice)
        {
            draft.Then(() => AfterCommit("FAQ choice", () => GrainFactory.GetGrain<IKnowledgeBaseGrain>(_key.TenantId)
                .RecordChoiceAsync(choice.Question, choice.EntryId, _key.ConversationId)));
        }

        draft.Details.NotUnderstoodInRow = reply.Understood ? 0 : draft.Details.NotUnderstoodInRow + 1;
        draft.Details.BotUnderstanding = reply.UnderstandingJson ?? draft.Details.BotUnderstanding;
        draft.Details.OperatorOfferReason = null;
        if (!reply.Understood && message.Content is TextContent { Text: var question })
        {
            draft.Details.PendingQuestion = question;
        }

        if (reply.HandoffReason is { } reason)
        {
            Handoff(draft, reason, settings, reply.HandoffCause, oneMail ? HandoffNotice.ToMail(draft.Now, settings, reply.Messages) : null);
        }
        else if (draft.Details.NotUnderstoodInRow >= settings.BotGiveUpAfter)
        {
            // Giving up hands over now; the offer the bot would have made is moot, but its reason tells the operator more.
            Handoff(draft, $"The bot did not understand {draft.Details.NotUnderstoodInRow} messages in a row."
                + (reply.OfferReason is { } why ? " " + why : ""), settings, HandoffCause.BotGaveUp);
        }
        else if (reply.OperatorOffer is { } offer)
        {
            draft.ToCustomer(offer);
            draft.Details.OperatorOfferReason = reply.OfferReason;
        }
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
