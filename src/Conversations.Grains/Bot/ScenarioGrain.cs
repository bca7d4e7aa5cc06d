using System.Globalization;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Engine;
using Conversations.Bot.Scenarios;
using Conversations.Grains.Infrastructure;
using Conversations.Grains.Tenants;

namespace Conversations.Grains.Bot;

/// <inheritdoc cref="IScenarioGrain" />
internal sealed class ScenarioGrain(
    [PersistentState("scenario", StorageNames.GrainState)] IPersistentState<ScenarioState> state,
    BotDefinitions definitions,
    ScenarioEngine engine,
    TenantSettingsCache settings,
    TimeProvider time) : Grain, IScenarioGrain
{
    private const int KeptVersions = 21;
    private Scenario? _parsed;

    /// <inheritdoc />
    public async Task<ScenarioVersion> PublishAsync(string json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Length > 1_000_000)
        {
            throw DomainException.Invalid("Send the scenario as a JSON document of at most 1 MB.");
        }

        var version = (state.State.Versions.FirstOrDefault()?.Version ?? 0) + 1;
        var parsed = ScenarioParser.Parse(json, version.ToString(CultureInfo.InvariantCulture));
        if (!parsed.IsValid)
        {
            throw DomainException.Invalid($"The scenario has {parsed.Problems.Count} problem(s):\n{parsed}");
        }

        var published = new ScenarioVersion(version, time.GetUtcNow(), json);
        state.State.Versions.Insert(0, published);
        if (state.State.Versions.Count > KeptVersions)
        {
            state.State.Versions.RemoveRange(KeptVersions, state.State.Versions.Count - KeptVersions);
        }

        await state.WriteStateAsync();
        _parsed = parsed.Scenario;
        definitions.Invalidate(this.GetPrimaryKey());
        return published;
    }

    /// <inheritdoc />
    public Task<ScenarioVersion?> GetCurrentAsync() => Task.FromResult(state.State.Versions.FirstOrDefault());

    /// <inheritdoc />
    public Task<IReadOnlyList<ScenarioVersion>> ListVersionsAsync() => Task.FromResult<IReadOnlyList<ScenarioVersion>>([.. state.State.Versions]);

    /// <inheritdoc />
    public async Task<IReadOnlyList<BotPart>> ListPartsAsync(CustomerProfile customer, ChannelKind channel)
    {
        if (state.State.Versions.FirstOrDefault() is not { } current)
        {
            return [];
        }

        var scenario = _parsed ??= ScenarioParser.Parse(current.Json, current.Version.ToString(CultureInfo.InvariantCulture)).Scenario!;
        var context = BotContext.For(customer, ChannelCatalog.For(channel), (await settings.GetAsync(this.GetPrimaryKey())).BotConfig);
        var parts = new List<BotPart>();
        foreach (var stepId in scenario.StepIds)
        {
            if (await RenderOfferedAsync(scenario, stepId, context) is { Count: > 0 } contents)
            {
                parts.Add(new BotPart(stepId, contents));
            }
        }

        return parts;
    }

    /// <summary>What a step sends, or null for a step that first needs the business's system (an http step).</summary>
    private async Task<IReadOnlyList<MessageContent>?> RenderOfferedAsync(Scenario scenario, string stepId, BotContext context)
    {
        try
        {
            return await engine.RenderStepAsync(scenario, stepId, context);
        }
        catch (OutsideCallRequiredException)
        {
            return null; // not a ready-made part: its words depend on an answer that has not been asked for
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessageContent>> RenderStepAsync(string stepId, CustomerProfile customer, ChannelKind channel)
    {
        // Parsed here from the grain's own state: asking the silo cache would call back into this grain.
        var current = state.State.Versions.FirstOrDefault() ?? throw DomainException.Rule("This tenant has no bot scenario yet; publish one first.");
        var scenario = _parsed ??= ScenarioParser.Parse(current.Json, current.Version.ToString(CultureInfo.InvariantCulture)).Scenario!;
        if (!scenario.ContainsStep(stepId))
        {
            throw DomainException.NotFound($"The scenario has no step '{stepId}'.");
        }

        var config = (await settings.GetAsync(this.GetPrimaryKey())).BotConfig;
        return await engine.RenderStepAsync(scenario, stepId, BotContext.For(customer, ChannelCatalog.For(channel), config));
    }
}
