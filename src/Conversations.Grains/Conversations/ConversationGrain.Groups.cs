using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;

namespace Conversations.Grains.Conversations;

/// <summary>Transfer to a group: the chat goes back to the queue for the members of a group of operators.</summary>
internal sealed partial class ConversationGrain
{
    /// <inheritdoc />
    public async Task<ConversationView> TransferToGroupAsync(Guid fromOperatorId, string group, string? note = null)
    {
        var current = AssignedTo(fromOperatorId);
        var name = ConversationLabels.One(group, "group");
        note = note is null ? null : NoteText(note);
        var settings = await SettingsAsync(_details);
        var draft = Draft(current);
        var from = draft.Details.OperatorName;
        draft.Record = draft.Record with { Status = ConversationStatus.WaitingForOperator, AssignedOperatorId = null, WaitingSince = draft.Now };
        draft.Details.Group = name;
        draft.Details.HandoffReason = $"Transferred to {name} by {from}";
        draft.Details.ReleaseAt = null;
        draft.Details.IdleCloseAt = null;
        draft.Event(ConversationEventKind.LiveChatTransferred, $"{from} \u2192 {name}", fromOperatorId);
        if (note is not null)
        {
            draft.Event(ConversationEventKind.NoteAdded, note, fromOperatorId);
        }

        draft.ToCustomer(new TextContent(settings.Text(TenantTexts.TransferredToGroup).Replace("{group}", name, StringComparison.Ordinal)));
        var entry = QueueEntryOf(draft.Record, draft.Details);
        draft.Then(() =>
        {
            AfterCommit("Chat ended for the operator", () => Operator(fromOperatorId).ChatEndedAsync(_key.ConversationId));
            AfterCommit("Customer waiting in the queue", () => Queue().CustomerWaitingAsync(entry));
        });
        await CommitAsync(draft);
        await ArmTimersAsync();
        return View(_record!, _details);
    }
}
