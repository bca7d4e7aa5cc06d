using Conversations.Abstractions.Conversations;

namespace Conversations.Grains.Conversations;

/// <summary>Labels: operators sort conversations with words of their own; each change is an event in the history.</summary>
internal sealed partial class ConversationGrain
{
    /// <inheritdoc />
    public async Task<ConversationView> SetLabelsAsync(Guid operatorId, IReadOnlyList<string> labels)
    {
        var current = Existing();
        var wanted = ConversationLabels.Normalize(labels);
        var had = _details.Labels ?? [];
        var added = wanted.Where(l => !had.Contains(l, StringComparer.Ordinal)).ToList();
        var removed = had.Where(l => !wanted.Contains(l, StringComparer.Ordinal)).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return View(current, _details);
        }

        var draft = Draft(current);
        draft.Details.Labels = wanted.Count == 0 ? null : [.. wanted];
        draft.Event(ConversationEventKind.LabelsChanged,
            string.Join(' ', added.Select(l => "+" + l).Concat(removed.Select(l => "\u2212" + l))), operatorId);
        await CommitAsync(draft);
        return View(_record!, _details);
    }

    /// <inheritdoc />
    public async Task RenameCustomerAsync(string displayName)
    {
        if (_record is not { } current || current.CustomerDisplayName == displayName)
        {
            return;
        }

        var draft = Draft(current);
        draft.Record = draft.Record with { CustomerDisplayName = displayName };
        await CommitAsync(draft);
    }
}
