using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Infrastructure;
using Conversations.Persistence.Conversations;

namespace Conversations.Grains.Conversations;

/// <summary>
/// Timers of live chat: auto-release after the operator's last message and close after the customer's silence.
/// A grain timer does the work while the grain is active; a durable reminder, due at the same deadline, wakes the
/// grain after a crash or deactivation. Both end in the same state transition, so the release happens once.
/// </summary>
internal sealed partial class ConversationGrain
{
    private const string TimersReminder = "live-chat-timers";
    private IGrainTimer? _timer;
    private DateTimeOffset? _reminderDue;

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckDeadlinesAsync();

    /// <summary>The earliest deadline of the current state, if any.</summary>
    private DateTimeOffset? NextDeadline() => NextDeadline(_record, _details);

    private static DateTimeOffset? NextDeadline(ConversationRecord? record, ConversationDetails details) =>
        record?.Status == ConversationStatus.LiveChat
            ? new[] { details.ReleaseAt, details.IdleCloseAt }.Where(d => d is not null).Min()
            : null;

    /// <summary>
    /// Before a commit that creates a deadline or brings one forward (an operator takes the chat): the durable reminder,
    /// due at that deadline, is written first. So no stored state ever has a deadline without a reminder to wake it:
    /// not after a crash between the two writes, not in a database restored to a point between them. (A reminder
    /// whose commit never happened fires, finds no deadline and is removed.)
    /// </summary>
    private async Task ReminderBeforeCommitAsync(ConversationDraft draft)
    {
        if (NextDeadline(draft.Record, draft.Details) is { } deadline && (_reminderDue is not { } due || deadline < due))
        {
            await RegisterReminderAsync(deadline);
        }
    }

    /// <summary>Points the grain timer at the next deadline (or stops it).</summary>
    private void ArmTimer()
    {
        _timer?.Dispose();
        _timer = null;
        if (NextDeadline() is { } deadline)
        {
            var due = deadline - time.GetUtcNow();
            _timer = this.RegisterGrainTimer(_ => CheckDeadlinesAsync(), new GrainTimerCreationOptions
            {
                DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due,
                Period = Timeout.InfiniteTimeSpan,
                Interleave = false,
                KeepAlive = false,
            });
        }
    }

    /// <summary>
    /// Arms the grain timer and keeps the durable reminder no later than the deadline: registered when live chat
    /// starts (before its commit, see <see cref="ReminderBeforeCommitAsync"/>), moved only when the deadline comes earlier (a later deadline is handled when the reminder fires early),
    /// removed when live chat ends. So an operator message costs no reminder write.
    /// </summary>
    private async Task ArmTimersAsync()
    {
        ArmTimer();
        var deadline = NextDeadline();
        if (deadline is null)
        {
            if (_reminderDue is not null || _record?.Status is ConversationStatus.Bot or ConversationStatus.Closed)
            {
                await UnregisterReminderAsync();
            }

            return;
        }

        if (_reminderDue is { } due && due <= deadline)
        {
            return;
        }

        await RegisterReminderAsync(deadline.Value);
    }

    private async Task RegisterReminderAsync(DateTimeOffset deadline)
    {
        var wait = deadline - time.GetUtcNow();
        var period = TimeSpan.FromMinutes(Math.Max(1, (await SettingsAsync(_details)).AutoReleaseMinutes));
        await this.RegisterOrUpdateReminder(TimersReminder, wait < TimeSpan.Zero ? TimeSpan.Zero : wait, period);
        _reminderDue = deadline;
    }

    private async Task UnregisterReminderAsync()
    {
        _reminderDue = null;
        if (await this.GetReminder(TimersReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Releases or closes when a deadline has passed; otherwise re-aims the timer and the reminder.</summary>
    private async Task CheckDeadlinesAsync()
    {
        var now = time.GetUtcNow();
        if (_record is { Status: ConversationStatus.LiveChat } current)
        {
            var settings = await SettingsAsync(_details);
            if (_details.ReleaseAt is { } releaseAt && releaseAt <= now)
            {
                var draft = Draft(current);
                Release(draft, null, $"Auto-release: no operator message for {settings.AutoReleaseMinutes} minutes.", settings);
                await CommitAsync(draft);
                LiveChatMetrics.AutoReleased(now - releaseAt);
            }
            else if (_details.IdleCloseAt is { } idleAt && idleAt <= now)
            {
                var draft = Draft(current);
                Close(draft, null, settings.Text(TenantTexts.IdleClosed));
                await CommitAsync(draft);
                LiveChatMetrics.IdleClosed(now - idleAt);
            }
        }

        // The reminder fired (or not): aim it at the current deadline again, or drop it.
        _reminderDue = null;
        await ArmTimersAsync();
    }
}
