using Conversations.Abstractions.Conversations;

namespace Conversations.Abstractions.Messages;

/// <summary>A conversation event kept in the history (handoff, live chat started, released...).</summary>
[GenerateSerializer, Immutable, Alias("conv.EventContent")]
public sealed record EventContent(
    [property: Id(0)] ConversationEventKind Event,
    [property: Id(1)] string? Detail = null,
    [property: Id(2)] Guid? OperatorId = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => "";
}
