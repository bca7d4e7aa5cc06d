using System.Globalization;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Engine;
using Conversations.Bot.Scenarios;
using Conversations.Grains.Conversations;
using Conversations.Grains.Infrastructure;
using Conversations.Grains.Tenants;

namespace Conversations.Grains.Bot;

/// <inheritdoc cref="IScenarioGrain" />
internal sealed class ScenarioGrain(
    [PersistentState("scenario", StorageNames.GrainState)] IPersistentState<ScenarioState> state,
    BotDefinitions definitions,
    ScenarioEngine engine,
    TenantSettingsCache settings,
    IConversationBot bot,
    TimeProvider time) : Grain, IScenarioGrain
{
    private const int KeptVersions = 21;
    private const int MaxDocumentChars = 1_000_000;
    private const int MaxTestTextChars = 4096;
    private const int MaxTestStateChars = 64 * 1024;
    private Scenario? _parsed;

    /// <inheritdoc />
    public async Task<ScenarioVersion> PublishAsync(string json)
    {
        RequireDocument(json);
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

    /// <inheritdoc />
    public async Task<ScenarioDraft> SaveDraftAsync(string json)
    {
        RequireDocument(json);
        state.State.Draft = new ScenarioDraft(json, time.GetUtcNow());
        await state.WriteStateAsync();
        return state.State.Draft;
    }

    /// <inheritdoc />
    public Task<ScenarioDraft?> GetDraftAsync() => Task.FromResult(state.State.Draft);

    /// <inheritdoc />
    public async Task DiscardDraftAsync()
    {
        if (state.State.Draft is not null)
        {
            state.State.Draft = null;
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task<ScenarioVersion> PublishDraftAsync()
    {
        var draft = state.State.Draft ?? throw DomainException.NotFound("There is no draft to publish; save one first.");
        state.State.Draft = null; // written with the new version (or restored when the draft is refused)
        try
        {
            return await PublishAsync(draft.Json);
        }
        catch (DomainException)
        {
            state.State.Draft = draft;
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<ScenarioTestReply> TestDraftAsync(ScenarioTestTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var draft = state.State.Draft ?? throw DomainException.NotFound("There is no draft to test; save one first.");
        if (turn.Text is { Length: > MaxTestTextChars })
        {
            throw DomainException.Invalid($"$.text: at most {MaxTestTextChars} characters.");
        }

        if (turn.SessionJson is { Length: > MaxTestStateChars } || turn.UnderstandingJson is { Length: > MaxTestStateChars })
        {
            throw DomainException.Invalid("$.state: the test chat's state is too long; start the test chat again.");
        }

        var parsed = ScenarioParser.Parse(draft.Json, "draft");
        if (!parsed.IsValid)
        {
            throw DomainException.Invalid($"The draft has {parsed.Problems.Count} problem(s); fix them to test it:\n{parsed}");
        }

        var tenantId = this.GetPrimaryKey();
        var now = time.GetUtcNow();
        MessageContent content = turn.Payload is { } payload ? new ButtonPressContent(payload)
            : string.IsNullOrWhiteSpace(turn.Text) ? new TextContent("/start") : new TextContent(turn.Text);
        var tenantSettings = await settings.GetAsync(tenantId);
        // The conversation grain sends a request for a human to the queue before the bot sees it: here it is only said.
        if (content is ButtonPressContent { Payload: ConversationGrain.HandoffPayload }
            || (content is TextContent { Text: var typed } && HandoffKeywords.Match(typed, tenantSettings.HandoffKeywords)))
        {
            return new ScenarioTestReply([], turn.SessionJson, turn.UnderstandingJson, "The customer asked for an operator.");
        }

        // A made-up visitor of the website widget, in a conversation that exists nowhere else.
        var customer = new CustomerProfile(tenantId, Guid.Empty, "", null, [], [], [], [], new Dictionary<string, string>(), null, now, NameGenerated: true);
        var message = new ChatMessage(Guid.Empty, Guid.Empty, 0, MessageDirection.Customer, content, ChannelKind.Widget, null, null, now);
        var reply = await bot.ReplyAsync(new BotRequest(tenantId, Guid.Empty, customer, message, ChannelCatalog.For(ChannelKind.Widget),
            turn.SessionJson, UnderstandingJson: turn.UnderstandingJson, Draft: parsed.Scenario), CancellationToken.None);
        var messages = reply.OperatorOffer is { } offer && reply.HandoffReason is null ? [.. reply.Messages, offer] : reply.Messages;
        return new ScenarioTestReply(messages, reply.SessionJson, reply.UnderstandingJson ?? turn.UnderstandingJson, reply.HandoffReason);
    }

    private static void RequireDocument(string json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Length > MaxDocumentChars)
        {
            throw DomainException.Invalid("Send the scenario as a JSON document of at most 1 MB.");
        }
    }
}
