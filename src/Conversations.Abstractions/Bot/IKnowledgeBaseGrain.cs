using Orleans.Concurrency;

namespace Conversations.Abstractions.Bot;

/// <summary>
/// A tenant's FAQ knowledge base (key: tenant id) and the suggestions learnt from operators: when an operator answers
/// a question the bot could not, the pair waits here for an admin to approve (or edit) it.
/// </summary>
public interface IKnowledgeBaseGrain : IGrainWithGuidKey
{
    /// <summary>The entries and their version (changes with every edit).</summary>
    Task<KnowledgeBase> GetAsync();

    /// <summary>Adds or replaces an entry (validated).</summary>
    Task<KnowledgeEntry> SaveEntryAsync(KnowledgeEntry entry);

    /// <summary>Removes an entry.</summary>
    Task DeleteEntryAsync(string id);

    /// <summary>Replaces every entry at once (import).</summary>
    Task<KnowledgeBase> ReplaceAsync(IReadOnlyList<KnowledgeEntry> entries);

    /// <summary>Proposes a question/answer pair learnt from an operator.</summary>
    [OneWay]
    Task ProposeAsync(string question, string answer, Guid conversationId);

    /// <summary>Pending suggestions, oldest first.</summary>
    Task<IReadOnlyList<KnowledgeSuggestion>> ListSuggestionsAsync();

    /// <summary>Turns a suggestion into an entry (with the admin's edits, if any).</summary>
    Task<KnowledgeEntry> ApproveAsync(Guid suggestionId, string? question = null, string? answer = null);

    /// <summary>Drops a suggestion.</summary>
    Task RejectAsync(Guid suggestionId);
}
