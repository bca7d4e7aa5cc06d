using Conversations.Api.Contracts.Messages;

namespace Conversations.Api.Contracts.Bot;

/// <summary>What the draft's bot answered in the test chat; nothing was sent to a channel, stored or reported.</summary>
/// <param name="Messages">The bot's messages, as the website widget shows them.</param>
/// <param name="State">The test chat's state: send it with the next turn.</param>
/// <param name="Handoff">Set when a real conversation would now go to an operator (why).</param>
public sealed record ScenarioTestResponse(IReadOnlyList<MessageContent> Messages, string State, string? Handoff);
