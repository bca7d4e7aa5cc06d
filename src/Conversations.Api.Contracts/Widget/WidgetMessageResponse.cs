namespace Conversations.Api.Contracts.Widget;

/// <summary>Where the visitor's message was stored.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="ConversationId">Its conversation.</param>
/// <param name="Seq">Its position there.</param>
/// <param name="Duplicate">True when this client message id had been stored before.</param>
public sealed record WidgetMessageResponse(Guid MessageId, Guid ConversationId, long Seq, bool Duplicate);
