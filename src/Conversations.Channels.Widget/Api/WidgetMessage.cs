using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Widget.Api;

/// <summary>A message as the widget shows it.</summary>
/// <param name="Id">Event id for resuming the stream: <c>{conversation}:{seq}</c>.</param>
/// <param name="MessageId">The message.</param>
/// <param name="Seq">Position in the conversation.</param>
/// <param name="From">"customer", "bot" or "operator".</param>
/// <param name="Content">What it carries (type + fields).</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record WidgetMessage(string Id, Guid MessageId, long Seq, string From, MessageContent Content, DateTimeOffset CreatedAt)
{
    /// <summary>The widget's view of a stored message, or null for messages the visitor does not see (events).</summary>
    public static WidgetMessage? Of(ChatMessage message) => message.Direction switch
    {
        MessageDirection.Customer => Create(message, "customer"),
        MessageDirection.Bot => Create(message, "bot"),
        MessageDirection.Operator => Create(message, "operator"),
        _ => null,
    };

    private static WidgetMessage Create(ChatMessage message, string from) =>
        new($"{message.ConversationId:N}:{message.Seq}", message.MessageId, message.Seq, from, message.Content, message.CreatedAt);
}
