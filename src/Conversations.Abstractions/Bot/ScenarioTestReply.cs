using Conversations.Abstractions.Messages;

namespace Conversations.Abstractions.Bot;

/// <summary>What the draft's bot answered in the test chat (nothing was sent, stored or reported).</summary>
/// <param name="Messages">The bot's messages, as a website visitor would get them.</param>
/// <param name="SessionJson">The bot's session, for the next turn.</param>
/// <param name="UnderstandingJson">The bot's memory, for the next turn.</param>
/// <param name="HandoffReason">Set when a real conversation would now go to an operator.</param>
[GenerateSerializer, Immutable, Alias("conv.ScenarioTestReply")]
public sealed record ScenarioTestReply(
    [property: Id(0)] IReadOnlyList<MessageContent> Messages,
    [property: Id(1)] string? SessionJson,
    [property: Id(2)] string? UnderstandingJson,
    [property: Id(3)] string? HandoffReason);
