using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Grains.Infrastructure;

namespace Conversations.Grains.Channels;

/// <summary>A tenant's WhatsApp message templates (key: tenant id), registered through the API or synced from Meta.</summary>
internal sealed class MessageTemplateLibraryGrain(
    [PersistentState("templates", StorageNames.GrainState)] IPersistentState<MessageTemplateLibraryState> state,
    TimeProvider time) : Grain, IMessageTemplateLibraryGrain
{
    /// <inheritdoc />
    public Task<IReadOnlyList<MessageTemplate>> ListAsync() => Task.FromResult(Sorted());

    /// <inheritdoc />
    public Task<MessageTemplate?> FindAsync(string name, string language) =>
        Task.FromResult(state.State.Templates.GetValueOrDefault(MessageTemplate.KeyOf(name, language)));

    /// <inheritdoc />
    public async Task<MessageTemplate> RegisterAsync(MessageTemplate template)
    {
        var saved = template with { Synced = false, UpdatedAt = time.GetUtcNow() };
        if (MessageTemplateRules.Problem(saved) is { } problem)
        {
            throw DomainException.Invalid($"The template is not valid: {problem}");
        }

        var key = MessageTemplate.KeyOf(saved.Name, saved.Language);
        if (!state.State.Templates.ContainsKey(key) && state.State.Templates.Count >= MessageTemplateRules.MaxTemplates)
        {
            throw DomainException.Conflict($"The library holds {MessageTemplateRules.MaxTemplates} templates already: remove one first.");
        }

        state.State.Templates[key] = saved;
        await state.WriteStateAsync();
        return saved;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessageTemplate>> SyncAsync(IReadOnlyList<MessageTemplate> templates)
    {
        var now = time.GetUtcNow();
        var listed = new Dictionary<string, MessageTemplate>(StringComparer.Ordinal);
        foreach (var template in templates)
        {
            var synced = template with { Synced = true, UpdatedAt = now };
            if (MessageTemplateRules.Problem(synced) is null)
            {
                listed[MessageTemplate.KeyOf(synced.Name, synced.Language)] = synced;
            }
        }

        foreach (var gone in state.State.Templates.Where(t => t.Value.Synced && !listed.ContainsKey(t.Key)).Select(t => t.Key).ToList())
        {
            state.State.Templates.Remove(gone);
        }

        foreach (var (key, template) in listed)
        {
            if (state.State.Templates.ContainsKey(key) || state.State.Templates.Count < MessageTemplateRules.MaxTemplates)
            {
                state.State.Templates[key] = template;
            }
        }

        await state.WriteStateAsync();
        return Sorted();
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string name, string language)
    {
        if (!state.State.Templates.Remove(MessageTemplate.KeyOf(name, language)))
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    private IReadOnlyList<MessageTemplate> Sorted() =>
        [.. state.State.Templates.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Language, StringComparer.Ordinal)];
}
