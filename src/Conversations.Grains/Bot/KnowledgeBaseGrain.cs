using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Common;
using Conversations.Grains.Infrastructure;

namespace Conversations.Grains.Bot;

/// <inheritdoc cref="IKnowledgeBaseGrain" />
internal sealed class KnowledgeBaseGrain(
    [PersistentState("faq", StorageNames.GrainState)] IPersistentState<KnowledgeBaseState> state,
    BotDefinitions definitions,
    IIdGenerator ids,
    TimeProvider time) : Grain, IKnowledgeBaseGrain
{
    private const int MaxEntries = 5000;
    private const int MaxSuggestions = 500;

    /// <inheritdoc />
    public Task<KnowledgeBase> GetAsync() =>
        Task.FromResult(new KnowledgeBase(state.State.Version, [.. state.State.Entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal)]));

    /// <inheritdoc />
    public async Task<KnowledgeEntry> SaveEntryAsync(KnowledgeEntry entry)
    {
        var valid = Validate(entry);
        if (!state.State.Entries.ContainsKey(valid.Id) && state.State.Entries.Count >= MaxEntries)
        {
            throw DomainException.Rule($"The knowledge base holds at most {MaxEntries} entries.");
        }

        state.State.Entries[valid.Id] = valid;
        await SaveAsync();
        return valid;
    }

    /// <inheritdoc />
    public async Task DeleteEntryAsync(string id)
    {
        if (!state.State.Entries.Remove(id))
        {
            throw DomainException.NotFound($"No FAQ entry '{id}'.");
        }

        await SaveAsync();
    }

    /// <inheritdoc />
    public async Task<KnowledgeBase> ReplaceAsync(IReadOnlyList<KnowledgeEntry> entries)
    {
        if (entries.Count > MaxEntries)
        {
            throw DomainException.Invalid($"At most {MaxEntries} entries.");
        }

        var valid = entries.Select(Validate).ToList();
        var duplicates = valid.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw DomainException.Invalid($"Duplicate entry ids: {string.Join(", ", duplicates)}.");
        }

        state.State.Entries = valid.ToDictionary(e => e.Id, StringComparer.Ordinal);
        await SaveAsync();
        return await GetAsync();
    }

    /// <inheritdoc />
    public async Task ProposeAsync(string question, string answer, Guid conversationId)
    {
        question = question.Trim();
        answer = answer.Trim();
        if (question.Length is 0 or > 1000 || answer.Length is 0 or > 4000
            || state.State.Suggestions.Any(s => string.Equals(s.Question, question, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        state.State.Suggestions.Add(new KnowledgeSuggestion(ids.NewId(), question, answer, conversationId, time.GetUtcNow()));
        if (state.State.Suggestions.Count > MaxSuggestions)
        {
            state.State.Suggestions.RemoveAt(0);
        }

        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KnowledgeSuggestion>> ListSuggestionsAsync() =>
        Task.FromResult<IReadOnlyList<KnowledgeSuggestion>>([.. state.State.Suggestions]);

    /// <inheritdoc />
    public async Task<KnowledgeEntry> ApproveAsync(Guid suggestionId, string? question = null, string? answer = null)
    {
        var suggestion = state.State.Suggestions.FirstOrDefault(s => s.Id == suggestionId)
            ?? throw DomainException.NotFound("No such suggestion.");
        var entry = Validate(new KnowledgeEntry("learnt-" + suggestionId.ToString("N")[..12], [question ?? suggestion.Question], answer ?? suggestion.Answer));
        state.State.Suggestions.Remove(suggestion);
        state.State.Entries[entry.Id] = entry;
        await SaveAsync();
        return entry;
    }

    /// <inheritdoc />
    public async Task RejectAsync(Guid suggestionId)
    {
        if (state.State.Suggestions.RemoveAll(s => s.Id == suggestionId) == 0)
        {
            throw DomainException.NotFound("No such suggestion.");
        }

        await state.WriteStateAsync();
    }

    private async Task SaveAsync()
    {
        state.State.Version++;
        await state.WriteStateAsync();
        definitions.Invalidate(this.GetPrimaryKey());
    }

    private static KnowledgeEntry Validate(KnowledgeEntry entry)
    {
        var id = Validation.Slug(entry.Id, "entry id");
        var questions = (entry.Questions ?? []).Select(q => q?.Trim() ?? "").Where(q => q.Length > 0).Distinct().ToList();
        if (questions.Count is 0 or > 50 || questions.Any(q => q.Length > 1000))
        {
            throw DomainException.Invalid($"Entry '{id}': 1 to 50 question variants of at most 1000 characters.");
        }

        var answer = Validation.Text(entry.Answer, $"answer of entry '{id}'", 4000);
        return new KnowledgeEntry(id, questions, answer);
    }
}
