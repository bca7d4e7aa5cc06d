namespace Conversations.Channels.Email;

/// <inheritdoc cref="IEmailThreadGrain" />
internal sealed class EmailThreadGrain(
    [PersistentState("emailThread", EmailThreadGrain.Storage)] IPersistentState<EmailThreadState> state) : Grain, IEmailThreadGrain
{
    /// <summary>The grain storage every grain state uses (Conversations.Grains' StorageNames.GrainState).</summary>
    public const string Storage = "conversations";

    /// <summary>Most Message-IDs kept in References (long threads keep the first and the latest ones, RFC 5322 3.6.4).</summary>
    public const int MaxReferences = 20;

    /// <inheritdoc />
    public async Task RecordAsync(EmailThreadEntry entry)
    {
        if (entry.MessageId is { } id0 && state.State.Thread?.References.Contains(id0) == true)
        {
            return; // read again after a crash: already in the thread
        }

        // A mail that replies to nothing starts a new thread (a new subject).
        var current = entry.References.Count == 0 ? null : state.State.Thread;
        var references = new List<string>(current?.References ?? []);
        foreach (var id in entry.References.Append(entry.MessageId).OfType<string>())
        {
            if (!references.Contains(id))
            {
                references.Add(id);
            }
        }

        var next = new EmailThread(
            current?.Subject is { Length: > 0 } subject ? subject : entry.Subject,
            entry.MessageId ?? current?.LastCustomerMessageId,
            Bounded(references));
        if (state.State.Thread is not { } stored || next.Subject != stored.Subject || next.LastCustomerMessageId != stored.LastCustomerMessageId
            || !next.References.SequenceEqual(stored.References))
        {
            state.State.Thread = next;
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task RecordSentAsync(string messageId)
    {
        var current = state.State.Thread ?? new EmailThread("", null, []);
        if (current.References.Contains(messageId))
        {
            return;
        }

        state.State.Thread = current with { References = Bounded([.. current.References, messageId]) };
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<EmailThread?> GetAsync() => Task.FromResult(state.State.Thread);

    private static List<string> Bounded(List<string> references) =>
        references.Count <= MaxReferences ? references : [references[0], .. references.Skip(references.Count - (MaxReferences - 1))];
}
