using Orleans.Concurrency;

namespace Conversations.Abstractions.Bot;

/// <summary>
/// A tenant's FAQ knowledge base (key: tenant id) and the suggestions learnt from operators: when an operator answers
/// a question the bot could not, the pair waits here for an admin to approve (or edit) it. Also the customers' answers to
/// "did you mean …?" (approved, the question becomes a phrasing of the chosen entry), and the calibration: the answering
/// policy chosen from the knowledge base for the tenant's target precision, recomputed off the request path after a change.
/// </summary>
[Orleans.CodeGeneration.Version(2)] // 1: choices and calibration; 2: ApproveIntoAsync (an older silo lacks them); see the README's upgrade rules
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

    /// <summary>
    /// Adds a suggestion's question (or the admin's edit of it) as a phrasing of the existing entry
    /// <paramref name="entryId"/> instead of making a new entry (the entry keeps its answer); returns the entry.
    /// </summary>
    Task<KnowledgeEntry> ApproveIntoAsync(Guid suggestionId, string entryId, string? question = null);

    /// <summary>Drops a suggestion.</summary>
    Task RejectAsync(Guid suggestionId);

    /// <summary>Records a customer's answer to "did you mean …?" for an admin to approve or reject.</summary>
    [OneWay]
    Task RecordChoiceAsync(string question, string entryId, Guid conversationId);

    /// <summary>Customers' choices waiting for an admin, oldest first.</summary>
    Task<IReadOnlyList<KnowledgeChoice>> ListChoicesAsync();

    /// <summary>Adds a choice's question as a phrasing of the chosen entry; returns the entry.</summary>
    Task<KnowledgeEntry> ApproveChoiceAsync(Guid choiceId);

    /// <summary>Drops a choice.</summary>
    Task RejectChoiceAsync(Guid choiceId);

    /// <summary>The calibration of the knowledge base (null before the first one finished); it may be of an earlier
    /// version while a new one is computed.</summary>
    Task<KnowledgeCalibration?> GetCalibrationAsync();

    /// <summary>Recomputes the calibration for <paramref name="targetPrecision"/> (after the tenant changed it).</summary>
    [OneWay]
    Task RecalibrateAsync(double targetPrecision);

    /// <summary>Stores a calibration computed in the background (ignored when the knowledge base changed meanwhile).</summary>
    Task StoreCalibrationAsync(KnowledgeCalibration calibration);
}
