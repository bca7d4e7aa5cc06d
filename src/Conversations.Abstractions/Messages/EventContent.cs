using Conversations.Abstractions.Conversations;

namespace Conversations.Abstractions.Messages;

/// <summary>A conversation event kept in the history (handoff, live chat started, released...).</summary>
/// <param name="Event">What happened.</param>
/// <param name="Detail">Words for operators.</param>
/// <param name="OperatorId">The operator who did it, if one did.</param>
/// <param name="Cause">Why the conversation was handed over (<see cref="ConversationEventKind.OperatorRequested"/> only).</param>
/// <param name="Score">The score given (<see cref="ConversationEventKind.SurveyAnswered"/> only).</param>
[GenerateSerializer, Immutable, Alias("conv.EventContent")]
public sealed record EventContent(
    [property: Id(0)] ConversationEventKind Event,
    [property: Id(1)] string? Detail = null,
    [property: Id(2)] Guid? OperatorId = null,
    [property: Id(3)] HandoffCause? Cause = null,
    [property: Id(4)] SurveyScore? Score = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => "";
}
