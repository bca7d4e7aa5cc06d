using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Email;

/// <inheritdoc cref="IEmailThreadGrain" />
internal sealed class EmailThreadGrain(
    [PersistentState("emailThread", EmailThreadGrain.Storage)] IPersistentState<EmailThreadState> state,
    IIdGenerator ids) : Grain, IEmailThreadGrain
{
    /// <summary>The grain storage every grain state uses (Conversations.Grains' StorageNames.GrainState).</summary>
    public const string Storage = "conversations";

    /// <summary>Most Message-IDs kept in References (long threads keep the first and the latest ones, RFC 5322 3.6.4).</summary>
    public const int MaxReferences = 20;

    /// <summary>Most threads kept per address (the oldest is forgotten: an answer in it starts a new thread).</summary>
    public const int MaxThreads = 20;

    /// <summary>Most recent mails whose chosen conversation is kept (a mail read again after a crash is among the latest).</summary>
    public const int MaxChoices = 50;

    /// <inheritdoc />
    public async Task<InboundThread> ThreadAsync(string dedupKey, EmailThreadEntry entry, TimeSpan reopenWithin)
    {
        var s = state.State;
        if (s.Choices.Find(c => c.DedupKey == dedupKey) is { } known)
        {
            return known.Thread; // read again after a crash
        }

        var index = EmailThreading.Match(s.Threads, entry);
        var newConversationId = ids.NewId();
        var thread = index < 0 ? new EmailThread(entry.Subject, null, [], newConversationId) : s.Threads[index];
        var choice = new InboundThread(index < 0 ? null : thread.ConversationId, newConversationId, reopenWithin);
        if (index >= 0)
        {
            s.Threads.RemoveAt(index);
        }

        Keep(s.Threads, With(thread, entry), MaxThreads);
        Keep(s.Choices, new EmailThreadChoice(dedupKey, choice), MaxChoices);
        s.Thread = s.Threads[^1];
        await state.WriteStateAsync();
        return choice;
    }

    /// <inheritdoc />
    public async Task LandedAsync(string dedupKey, Guid conversationId)
    {
        var s = state.State;
        if (s.Choices.Find(c => c.DedupKey == dedupKey)?.Thread is not { } choice)
        {
            return;
        }

        var index = s.Threads.FindLastIndex(t => t.ConversationId == (choice.ContinuesConversationId ?? choice.NewConversationId));
        if (index < 0 || s.Threads[index].ConversationId == conversationId)
        {
            return;
        }

        s.Threads[index] = s.Threads[index] with { ConversationId = conversationId };
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<EmailThread?> GetForAsync(Guid conversationId) => Task.FromResult(
        state.State.Threads.FindLast(t => t.ConversationId == conversationId) ?? (state.State.Threads.Count == 0 ? state.State.Thread : null));

    /// <inheritdoc />
    public async Task RecordSentForAsync(Guid conversationId, string messageId)
    {
        var s = state.State;
        if (s.Threads.Count == 0 && s.Thread is not null)
        {
            await RecordSentAsync(messageId); // a thread recorded by the previous version
            return;
        }

        var index = s.Threads.FindLastIndex(t => t.ConversationId == conversationId);
        var thread = index < 0 ? new EmailThread("", null, [], conversationId) : s.Threads[index];
        if (thread.References.Contains(messageId))
        {
            return;
        }

        if (index >= 0)
        {
            s.Threads.RemoveAt(index);
        }

        // A mail we start (a business message) is a thread too: the customer's answer references it.
        Keep(s.Threads, thread with { References = Bounded([.. thread.References, messageId]) }, MaxThreads);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task RecordAsync(EmailThreadEntry entry)
    {
        if (entry.MessageId is { } id0 && state.State.Thread?.References.Contains(id0) == true)
        {
            return; // read again after a crash: already in the thread
        }

        // A mail that replies to nothing starts a new thread (a new subject).
        var current = entry.References.Count == 0 ? null : state.State.Thread;
        var next = With(current ?? new EmailThread(entry.Subject, null, []), entry);
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

    /// <summary><paramref name="thread"/> with the customer's mail <paramref name="entry"/> in it.</summary>
    private static EmailThread With(EmailThread thread, EmailThreadEntry entry)
    {
        var references = new List<string>(thread.References);
        foreach (var id in entry.References.Append(entry.MessageId).OfType<string>().Where(id => !references.Contains(id)))
        {
            references.Add(id);
        }

        return thread with
        {
            Subject = thread.Subject is { Length: > 0 } subject ? subject : entry.Subject,
            LastCustomerMessageId = entry.MessageId ?? thread.LastCustomerMessageId,
            References = Bounded(references),
        };
    }

    private static void Keep<T>(List<T> items, T item, int max)
    {
        items.Add(item);
        if (items.Count > max)
        {
            items.RemoveAt(0);
        }
    }

    private static List<string> Bounded(List<string> references) =>
        references.Count <= MaxReferences ? references : [references[0], .. references.Skip(references.Count - (MaxReferences - 1))];
}
