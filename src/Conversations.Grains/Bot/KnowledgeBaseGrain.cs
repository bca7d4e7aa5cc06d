using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Common;
using Conversations.Grains.Infrastructure;
using Conversations.Grains.Tenants;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Bot;

/// <inheritdoc cref="IKnowledgeBaseGrain" />
internal sealed partial class KnowledgeBaseGrain(
    [PersistentState("faq", StorageNames.GrainState)] IPersistentState<KnowledgeBaseState> state,
    BotDefinitions definitions,
    TenantSettingsCache settings,
    IIdGenerator ids,
    TimeProvider time,
    ILogger<KnowledgeBaseGrain> logger) : Grain, IKnowledgeBaseGrain
{
    private const int MaxEntries = 5000;
    private const int MaxSuggestions = 500;
    private const int MaxQuestions = 50;

    // The calibration running in the background, if any (one at a time: a change meanwhile starts the next when it ends).
    private Task? _calibrating;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A background calibration lost with a silo (or never started) is started again.
        if (state.State.Entries.Count > 0 && state.State.Calibration?.Version != state.State.Version)
        {
            CalibrateInBackground(state.State.Calibration?.TargetPrecision);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<KnowledgeBase> GetAsync() =>
        Task.FromResult(new KnowledgeBase(state.State.Version, [.. state.State.Entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal)],
            KnowledgeCalibrator.PolicyInUse(state.State.Calibration, state.State.Version, state.State.Entries.Count)));

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
    public async Task<KnowledgeEntry> ApproveIntoAsync(Guid suggestionId, string entryId, string? question = null)
    {
        var suggestion = state.State.Suggestions.FirstOrDefault(s => s.Id == suggestionId)
            ?? throw DomainException.NotFound("No such suggestion.");
        if (!state.State.Entries.TryGetValue(entryId, out var entry))
        {
            throw DomainException.NotFound($"No FAQ entry '{entryId}'.");
        }

        var phrasing = (question ?? suggestion.Question).Trim();
        entry = AddPhrasing(entry, phrasing); // refused (too many phrasings, too long): the suggestion stays
        state.State.Suggestions.Remove(suggestion);
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

    /// <inheritdoc />
    public async Task RecordChoiceAsync(string question, string entryId, Guid conversationId)
    {
        question = question.Trim();
        if (question.Length is 0 or > 1000 || !state.State.Entries.ContainsKey(entryId)
            || state.State.Choices.Any(c => c.EntryId == entryId && string.Equals(c.Question, question, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        state.State.Choices.Add(new KnowledgeChoice(ids.NewId(), question, entryId, conversationId, time.GetUtcNow()));
        if (state.State.Choices.Count > MaxSuggestions)
        {
            state.State.Choices.RemoveAt(0);
        }

        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KnowledgeChoice>> ListChoicesAsync() =>
        Task.FromResult<IReadOnlyList<KnowledgeChoice>>([.. state.State.Choices]);

    /// <inheritdoc />
    public async Task<KnowledgeEntry> ApproveChoiceAsync(Guid choiceId)
    {
        var choice = state.State.Choices.FirstOrDefault(c => c.Id == choiceId) ?? throw DomainException.NotFound("No such choice.");
        if (!state.State.Entries.TryGetValue(choice.EntryId, out var entry))
        {
            throw DomainException.Conflict($"The entry '{choice.EntryId}' no longer exists; reject the choice.");
        }

        entry = AddPhrasing(entry, choice.Question);
        state.State.Choices.Remove(choice);
        await SaveAsync();
        return entry;
    }

    /// <summary>The entry with <paramref name="question"/> among its phrasings (kept in state; unchanged when it has it already).</summary>
    private KnowledgeEntry AddPhrasing(KnowledgeEntry entry, string question)
    {
        if (entry.Questions.Contains(question, StringComparer.OrdinalIgnoreCase))
        {
            return entry;
        }

        if (entry.Questions.Count >= MaxQuestions)
        {
            throw DomainException.Conflict($"The entry '{entry.Id}' already has {MaxQuestions} question variants; remove one first.");
        }

        entry = Validate(entry with { Questions = [.. entry.Questions, question] });
        state.State.Entries[entry.Id] = entry;
        return entry;
    }

    /// <inheritdoc />
    public async Task RejectChoiceAsync(Guid choiceId)
    {
        if (state.State.Choices.RemoveAll(c => c.Id == choiceId) == 0)
        {
            throw DomainException.NotFound("No such choice.");
        }

        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<KnowledgeCalibration?> GetCalibrationAsync() => Task.FromResult(state.State.Calibration);

    /// <inheritdoc />
    public async Task RecalibrateAsync(double targetPrecision)
    {
        if (state.State.Entries.Count == 0 || state.State.Calibration is { } done && done.Version == state.State.Version && done.TargetPrecision == targetPrecision)
        {
            return;
        }

        if (KnowledgeCalibrator.IsQuick(state.State.Entries.Values))
        {
            state.State.Calibration = Calibrate(targetPrecision);
            await state.WriteStateAsync();
            definitions.Invalidate(this.GetPrimaryKey());
            return;
        }

        CalibrateInBackground(targetPrecision);
    }

    /// <inheritdoc />
    public async Task StoreCalibrationAsync(KnowledgeCalibration calibration)
    {
        if (calibration.Version >= (state.State.Calibration?.Version ?? long.MinValue))
        {
            state.State.Calibration = calibration;
            await state.WriteStateAsync();
            definitions.Invalidate(this.GetPrimaryKey());
        }

        if (calibration.Version != state.State.Version)
        {
            CalibrateInBackground(calibration.TargetPrecision);
        }
    }

    private async Task SaveAsync()
    {
        state.State.Version++;
        var target = (await settings.GetAsync(this.GetPrimaryKey())).FaqTargetPrecisionOrDefault;
        var quick = KnowledgeCalibrator.IsQuick(state.State.Entries.Values);
        if (quick)
        {
            state.State.Calibration = Calibrate(target);
        }

        await state.WriteStateAsync();
        definitions.Invalidate(this.GetPrimaryKey());
        if (!quick)
        {
            CalibrateInBackground(target);
        }
    }

    private KnowledgeCalibration Calibrate(double targetPrecision) =>
        KnowledgeCalibrator.Calibrate(state.State.Version, state.State.Entries.Values, targetPrecision, time.GetUtcNow());

    /// <summary>
    /// Calibrates the current version on the thread pool (not in the grain's turn: it takes seconds on a large knowledge
    /// base) and stores it through a call to this grain, so the write is an ordinary turn. While one runs, another
    /// change only waits: the running one, stored, sees it is out of date and starts the next.
    /// </summary>
    private void CalibrateInBackground(double? targetPrecision)
    {
        if (_calibrating is { IsCompleted: false })
        {
            return;
        }

        var tenantId = this.GetPrimaryKey();
        var version = state.State.Version;
        var entries = state.State.Entries.Values.ToList();
        var now = time.GetUtcNow();
        var self = this.AsReference<IKnowledgeBaseGrain>();
        _calibrating = Task.Run(async () =>
        {
            try
            {
                var target = targetPrecision ?? (await settings.GetAsync(tenantId)).FaqTargetPrecisionOrDefault;
                var calibration = KnowledgeCalibrator.Calibrate(version, entries, target, now);
                LogCalibrated(logger, tenantId, version, entries.Count, calibration.Took.TotalMilliseconds);
                await self.StoreCalibrationAsync(calibration);
            }
            catch (Exception ex)
            {
                // The bot keeps the default policy; the next change or activation tries again.
                LogCalibrationFailed(logger, ex, tenantId, version);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge base of tenant {TenantId} v{Version} ({Entries} entries) calibrated in {Milliseconds} ms")]
    private static partial void LogCalibrated(ILogger logger, Guid tenantId, long version, int entries, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calibrating the knowledge base of tenant {TenantId} v{Version} failed")]
    private static partial void LogCalibrationFailed(ILogger logger, Exception exception, Guid tenantId, long version);

    private static KnowledgeEntry Validate(KnowledgeEntry entry)
    {
        var id = Validation.Slug(entry.Id, "entry id");
        var questions = (entry.Questions ?? []).Select(q => q?.Trim() ?? "").Where(q => q.Length > 0).Distinct().ToList();
        if (questions.Count is 0 or > MaxQuestions || questions.Any(q => q.Length > 1000))
        {
            throw DomainException.Invalid($"Entry '{id}': 1 to {MaxQuestions} question variants of at most 1000 characters.");
        }

        var answer = Validation.Text(entry.Answer, $"answer of entry '{id}'", 4000);
        return new KnowledgeEntry(id, questions, answer);
    }
}
