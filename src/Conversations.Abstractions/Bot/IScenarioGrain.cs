using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;

namespace Conversations.Abstractions.Bot;

/// <summary>
/// A tenant's bot scenario (key: tenant id): validated as a whole, versioned, and hot-swapped — conversations pick up
/// a new version within seconds, without a restart.
/// </summary>
[Orleans.CodeGeneration.Version(1)] // 1: drafts and the draft's test chat (an older silo lacks them); see the README's upgrade rules
public interface IScenarioGrain : IGrainWithGuidKey
{
    /// <summary>Validates and publishes a scenario document; an invalid one is refused with every problem listed.</summary>
    Task<ScenarioVersion> PublishAsync(string json);

    /// <summary>The live version, or null when the tenant has none (the bot then answers from the FAQ only).</summary>
    Task<ScenarioVersion?> GetCurrentAsync();

    /// <summary>Earlier versions, newest first (the last 20).</summary>
    Task<IReadOnlyList<ScenarioVersion>> ListVersionsAsync();

    /// <summary>The messages a step sends, for an operator to send as their reply ("a part of the bot").</summary>
    Task<IReadOnlyList<MessageContent>> RenderStepAsync(string stepId, CustomerProfile customer, ChannelKind channel);

    /// <summary>
    /// The steps an operator can send, each with what this customer would get on this channel (steps that send nothing
    /// by themselves, or that need the business's system to answer first, are left out). Empty without a scenario.
    /// </summary>
    Task<IReadOnlyList<BotPart>> ListPartsAsync(CustomerProfile customer, ChannelKind channel);

    /// <summary>Saves a draft without publishing it (replacing the last one); a draft may still have problems.</summary>
    Task<ScenarioDraft> SaveDraftAsync(string json);

    /// <summary>The saved draft, or null.</summary>
    Task<ScenarioDraft?> GetDraftAsync();

    /// <summary>Forgets the draft.</summary>
    Task DiscardDraftAsync();

    /// <summary>Publishes the draft (validated like <see cref="PublishAsync"/>) and forgets it.</summary>
    Task<ScenarioVersion> PublishDraftAsync();

    /// <summary>
    /// One turn of the draft's test chat: the tenant's bot (its FAQ, texts and settings) answers with the draft as its
    /// scenario, as to a website visitor. Nothing reaches a channel, a conversation, the inbox, reports or webhooks.
    /// Interleaves: a slow step of the draft never holds up the live scenario's readers.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ScenarioTestReply> TestDraftAsync(ScenarioTestTurn turn);
}
