using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;

namespace Conversations.Grains.Conversations;

/// <summary>Private notes: operators' words kept in the history as events, which no channel ever delivers.</summary>
internal sealed partial class ConversationGrain
{
    /// <summary>The longest note, as long as the longest message.</summary>
    private const int MaxNoteLength = 4096;

    /// <inheritdoc />
    public async Task<ChatMessage> AddNoteAsync(Guid operatorId, string text)
    {
        var current = Existing();
        var draft = Draft(current);
        var note = draft.Event(ConversationEventKind.NoteAdded, NoteText(text), operatorId);
        await CommitAsync(draft);
        return note;
    }

    private static string NoteText(string text)
    {
        var trimmed = text?.Trim() ?? "";
        return trimmed.Length switch
        {
            0 => throw DomainException.Invalid("note: write the note's text."),
            > MaxNoteLength => throw DomainException.Invalid($"note: at most {MaxNoteLength} characters."),
            _ => trimmed,
        };
    }
}
