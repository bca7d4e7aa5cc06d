using Conversations.Abstractions.Messages;

namespace Conversations.Abstractions.Bot;

/// <summary>A step of the bot's scenario an operator can send as a reply, with what the customer would get.</summary>
/// <param name="StepId">The step's id (what a reply's <c>botStep</c> names).</param>
/// <param name="Contents">The messages the step sends, rendered for one customer and channel.</param>
[GenerateSerializer, Immutable, Alias("conv.BotPart")]
public sealed record BotPart(
    [property: Id(0)] string StepId,
    [property: Id(1)] IReadOnlyList<MessageContent> Contents);
