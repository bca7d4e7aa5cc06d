using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Infrastructure;
using Conversations.Persistence.Conversations;

namespace Conversations.Grains.Conversations;

/// <summary>Live chat: handoff to operators, taking, releasing, transferring, closing, operator replies.</summary>
internal sealed partial class ConversationGrain
{
    /// <inheritdoc />
    public async Task<ConversationView> RequestOperatorAsync(string reason)
    {
        var current = Existing();
        if (current.Status is ConversationStatus.WaitingForOperator or ConversationStatus.LiveChat)
        {
            return View(current, _details);
        }

        EnsureOpen(current);
        var draft = Draft(current);
        Handoff(draft, string.IsNullOrWhiteSpace(reason) ? "Handoff requested." : reason.Trim(), await SettingsAsync(_details), HandoffCause.Other);
        await CommitAsync(draft);
        return View(_record!, _details);
    }

    /// <inheritdoc />
    public async Task<ConversationView> TakeAsync(OperatorRef operatorRef)
    {
        var current = Existing();
        if (current.Status == ConversationStatus.LiveChat)
        {
            return current.AssignedOperatorId == operatorRef.OperatorId
                ? View(current, _details)
                : throw DomainException.Conflict($"{_details.OperatorName ?? "Another operator"} has already taken this chat.");
        }

        EnsureOpen(current);
        await StartLiveChatAsync(current, operatorRef);
        return View(_record!, _details);
    }

    /// <inheritdoc />
    public async Task<bool> AssignAsync(OperatorRef operatorRef)
    {
        if (_record is not { Status: ConversationStatus.WaitingForOperator } current)
        {
            return false;
        }

        await StartLiveChatAsync(current, operatorRef);
        return true;
    }

    /// <inheritdoc />
    public async Task<ConversationView> ReleaseAsync(Guid operatorId)
    {
        var current = AssignedTo(operatorId);
        var draft = Draft(current);
        Release(draft, operatorId, "The operator released the chat.", await SettingsAsync(_details));
        await CommitAsync(draft);
        await ArmTimersAsync();
        return View(_record!, _details);
    }

    /// <inheritdoc />
    public async Task<ConversationView> TransferAsync(Guid fromOperatorId, OperatorRef to, string? note = null)
    {
        var current = AssignedTo(fromOperatorId);
        note = note is null ? null : NoteText(note);
        if (to.OperatorId == fromOperatorId)
        {
            return View(current, _details);
        }

        var settings = await SettingsAsync(_details);
        var draft = Draft(current);
        var from = draft.Details.OperatorName;
        draft.Record = draft.Record with { AssignedOperatorId = to.OperatorId };
        draft.Details.OperatorName = to.DisplayName;
        draft.Details.ReleaseAt = draft.Now.AddMinutes(settings.AutoReleaseMinutes);
        draft.Event(ConversationEventKind.LiveChatTransferred, $"{from} → {to.DisplayName}", to.OperatorId);
        if (note is not null)
        {
            draft.Event(ConversationEventKind.NoteAdded, note, fromOperatorId);
        }

        draft.ToCustomer(new TextContent(settings.Text(TenantTexts.LiveChatStarted).Replace("{operator}", to.DisplayName, StringComparison.Ordinal)));
        draft.Then(() =>
        {
            AfterCommit("Chat ended for the operator", () => Operator(fromOperatorId).ChatEndedAsync(_key.ConversationId));
            AfterCommit("Chat started for the operator", () => Operator(to.OperatorId).ChatStartedAsync(_key.ConversationId));
        });
        await CommitAsync(draft);
        await ArmTimersAsync();
        return View(_record!, _details);
    }

    /// <inheritdoc />
    public async Task<ConversationView> CloseAsync(Guid? operatorId)
    {
        var current = Existing();
        if (current.Status == ConversationStatus.Closed)
        {
            return View(current, _details);
        }

        var settings = await SettingsAsync(_details);
        var draft = Draft(current);
        Close(draft, operatorId, operatorId is null ? settings.Text(TenantTexts.IdleClosed) : settings.Text(TenantTexts.Closed));
        await CommitAsync(draft);
        await ArmTimersAsync();
        return View(_record!, _details);
    }

    /// <inheritdoc />
    public async Task CloseMessagingWindowAsync(ChannelKind channel, DateTimeOffset at)
    {
        if (_record is not { } current
            || (_details.LastCustomerMessageAt.TryGetValue(channel, out var last) && last > at)
            || (_details.WindowClosedAt.TryGetValue(channel, out var closed) && closed <= at && (!_details.LastCustomerMessageAt.TryGetValue(channel, out var since) || closed >= since)))
        {
            return;
        }

        var draft = Draft(current);
        draft.Details.WindowClosedAt[channel] = at;
        await CommitAsync(draft);
    }

    /// <inheritdoc />
    public async Task<ConversationView> RemindCustomerAsync(Guid operatorId)
    {
        var current = AssignedTo(operatorId);
        var settings = await SettingsAsync(_details);
        var draft = Draft(current);
        EnsureWindowOpen(draft, humanOperator: true);
        draft.Event(ConversationEventKind.CustomerReminded, operatorId: operatorId);
        draft.ToCustomer(new TextContent(settings.Text(TenantTexts.IdleReminder)), MessageDirection.Operator, operatorId);
        draft.Details.ReleaseAt = draft.Now.AddMinutes(settings.AutoReleaseMinutes);
        await CommitAsync(draft);
        await ArmTimersAsync();
        return View(_record!, _details);
    }

    /// <inheritdoc />
    public async Task<ConversationView> ReturnToQueueAsync(Guid operatorId, string reason)
    {
        var current = Existing();
        if (current.Status != ConversationStatus.LiveChat || current.AssignedOperatorId != operatorId)
        {
            return View(current, _details);
        }

        var draft = Draft(current);
        draft.Record = draft.Record with { Status = ConversationStatus.WaitingForOperator, AssignedOperatorId = null, WaitingSince = draft.Now };
        draft.Details.HandoffReason = reason;
        draft.Details.Group = null;
        draft.Details.ReleaseAt = null;
        draft.Details.IdleCloseAt = null;
        draft.Event(new EventContent(ConversationEventKind.OperatorRequested, reason, Cause: HandoffCause.Operator));
        var entry = QueueEntryOf(draft.Record, draft.Details);
        draft.Then(() =>
        {
            AfterCommit("Chat ended for the operator", () => Operator(operatorId).ChatEndedAsync(_key.ConversationId));
            AfterCommit("Customer waiting in the queue", () => Queue().CustomerWaitingAsync(entry));
        });
        await CommitAsync(draft);
        await ArmTimersAsync();
        return View(_record!, _details);
    }

    /// <summary>
    /// Puts a handoff into the draft: waiting status, the event, the customer told (when operators are back, outside
    /// working hours, with leave-a-message and callback buttons; or <paramref name="notice"/>, a mail's one answer), the
    /// business notified, the queue told.
    /// </summary>
    private void Handoff(ConversationDraft draft, string reason, TenantSettings settings, HandoffCause cause, TextContent? notice = null)
    {
        draft.Record = draft.Record with { Status = ConversationStatus.WaitingForOperator, WaitingSince = draft.Now };
        draft.Details.HandoffReason = reason;
        draft.Details.Group = null;
        draft.Details.NotUnderstoodInRow = 0;
        draft.Event(new EventContent(ConversationEventKind.OperatorRequested, reason, Cause: cause));
        draft.ToCustomer(notice ?? HandoffNotice.ToCustomer(draft.Now, settings));
        NotifyBusiness(draft, reason, settings);
        var entry = QueueEntryOf(draft.Record, draft.Details);
        var channel = draft.Details.ReplyTo?.Kind.ToString() ?? "unknown";
        draft.Then(() =>
        {
            LiveChatMetrics.Handoff(channel);
            AfterCommit("Customer waiting in the queue", () => Queue().CustomerWaitingAsync(entry));
        });
    }

    private void NotifyBusiness(ConversationDraft draft, string reason, TenantSettings settings)
    {
        var customer = draft.Details.Customer;
        var content = HandoffNotice.ToBusiness(_key.TenantId, _key.ConversationId, draft.Record.CustomerId,
            customer?.DisplayName ?? draft.Record.CustomerDisplayName, customer?.Phones ?? [],
            draft.Details.ReplyTo?.Kind.ToString() ?? "unknown", reason, draft.Now);
        foreach (var email in settings.NotificationEmails)
        {
            draft.Notify(ChannelKind.NotificationEmail, email, content);
        }

        if (!string.IsNullOrWhiteSpace(settings.NotificationWebhookUrl))
        {
            draft.Notify(ChannelKind.NotificationWebhook, settings.NotificationWebhookUrl, content);
        }
    }

    private async Task StartLiveChatAsync(Persistence.Conversations.ConversationRecord current, OperatorRef operatorRef)
    {
        var settings = await SettingsAsync(_details);
        var draft = Draft(current);
        draft.Details.Group = null;
        draft.Record = draft.Record with
        {
            Status = ConversationStatus.LiveChat,
            AssignedOperatorId = operatorRef.OperatorId,
            WaitingSince = null,
            BotCursor = current.LastCustomerSeq, // the operator answers from here on
        };
        draft.Details.OperatorName = operatorRef.DisplayName;
        draft.Details.HandoffReason = null;
        draft.Details.CallbackAt = null;
        draft.Details.AwaitingCallbackPhone = false;
        draft.Details.ReleaseAt = draft.Now.AddMinutes(settings.AutoReleaseMinutes);
        await RestartIdleCountdownAsync(draft);
        draft.Event(ConversationEventKind.LiveChatStarted, operatorRef.DisplayName, operatorRef.OperatorId);
        draft.ToCustomer(new TextContent(settings.Text(TenantTexts.LiveChatStarted).Replace("{operator}", operatorRef.DisplayName, StringComparison.Ordinal)));
        var wasWaiting = current.Status == ConversationStatus.WaitingForOperator;
        var waited = current.WaitingSince is { } since ? draft.Now - since : (TimeSpan?)null;
        draft.Then(() =>
        {
            if (wasWaiting)
            {
                AfterCommit("Customer left the queue", () => Queue().CustomerLeftAsync(_key.ConversationId));
                if (waited is { } w)
                {
                    LiveChatMetrics.Taken(w);
                }
            }

            AfterCommit("Chat started for the operator", () => Operator(operatorRef.OperatorId).ChatStartedAsync(_key.ConversationId));
        });
        await CommitAsync(draft);
        await ArmTimersAsync();
    }

    /// <summary>Ends live chat in the draft: the bot is back, the customer told, the operator's slot freed.</summary>
    private void Release(ConversationDraft draft, Guid? operatorId, string detail, TenantSettings settings)
    {
        var assigned = draft.Record.AssignedOperatorId;
        draft.Record = draft.Record with { Status = ConversationStatus.Bot, AssignedOperatorId = null, BotCursor = draft.Record.LastCustomerSeq };
        draft.Details.ReleaseAt = null;
        draft.Details.IdleCloseAt = null;
        draft.Details.NotUnderstoodInRow = 0;
        draft.Event(ConversationEventKind.LiveChatReleased, detail, operatorId);
        draft.ToCustomer(new TextContent(settings.Text(TenantTexts.LiveChatReleased)));
        if (assigned is { } previous)
        {
            draft.Then(() => AfterCommit("Chat ended for the operator", () => Operator(previous).ChatEndedAsync(_key.ConversationId)));
        }
    }

    /// <summary>Closes in the draft: the customer told, queue and operator let go, the customer's next message opens a new conversation.</summary>
    private void Close(ConversationDraft draft, Guid? operatorId, string text)
    {
        var assigned = draft.Record.AssignedOperatorId;
        var wasWaiting = draft.Record.Status == ConversationStatus.WaitingForOperator;
        draft.Record = draft.Record with
        {
            Status = ConversationStatus.Closed,
            AssignedOperatorId = null,
            WaitingSince = null,
            ClosedAt = draft.Now,
            BotCursor = draft.Record.LastCustomerSeq,
        };
        draft.Details.ReleaseAt = null;
        draft.Details.IdleCloseAt = null;
        draft.Event(ConversationEventKind.ConversationClosed, operatorId is null ? "closed: the customer stayed silent" : "closed by the operator", operatorId);
        if (draft.Details.ReplyTo is not null)
        {
            draft.ToCustomer(new TextContent(text));
        }

        draft.Then(() =>
        {
            AfterCommit("Conversation closed for the customer", () => Customer().ConversationClosedAsync(_key.ConversationId));
            if (wasWaiting)
            {
                AfterCommit("Customer left the queue", () => Queue().CustomerLeftAsync(_key.ConversationId));
            }

            if (assigned is { } previous)
            {
                AfterCommit("Chat ended for the operator", () => Operator(previous).ChatEndedAsync(_key.ConversationId));
            }
        });
    }

    private async Task RestartIdleCountdownAsync(ConversationDraft draft)
    {
        var minutes = (await SettingsAsync(_details)).IdleCloseMinutes;
        draft.Details.IdleCloseAt = minutes is { } m ? draft.Now.AddMinutes(m) : null;
    }

    private Persistence.Conversations.ConversationRecord Existing() =>
        _record ?? throw DomainException.NotFound("No such conversation.");

    private static void EnsureOpen(Persistence.Conversations.ConversationRecord record)
    {
        if (record.Status == ConversationStatus.Closed)
        {
            throw DomainException.Conflict("The conversation is closed; the customer's next message opens a new one.");
        }
    }

    private Persistence.Conversations.ConversationRecord AssignedTo(Guid operatorId)
    {
        var current = Existing();
        if (current.Status != ConversationStatus.LiveChat)
        {
            throw DomainException.Rule("The chat is not in live chat: take it first.");
        }

        return current.AssignedOperatorId == operatorId
            ? current
            : throw DomainException.Conflict($"{_details.OperatorName ?? "Another operator"} has this chat.");
    }

    private static QueueEntry QueueEntryOf(Persistence.Conversations.ConversationRecord record, ConversationDetails details) =>
        new(record.ConversationId, record.CustomerId, record.CustomerDisplayName, record.WaitingSince ?? record.LastActivityAt,
            details.HandoffReason ?? "", details.ReplyTo?.Kind, details.CallbackAt, details.Group);

    private IOperatorQueueGrain Queue() => GrainFactory.GetGrain<IOperatorQueueGrain>(_key.TenantId);

    private IOperatorGrain Operator(Guid operatorId) => GrainFactory.GetGrain<IOperatorGrain>(new OperatorKey(_key.TenantId, operatorId).ToGrainKey());
}
