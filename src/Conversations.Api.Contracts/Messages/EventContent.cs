using Conversations.Api.Contracts.Conversations;

namespace Conversations.Api.Contracts.Messages;

/// <summary>A conversation event kept in the history (handoff, live chat started, released...).</summary>
public sealed record EventContent(
    ConversationEventKind Event,
    string? Detail = null,
    Guid? OperatorId = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => "";
}
