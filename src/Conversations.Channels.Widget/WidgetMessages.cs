using Conversations.Abstractions.Messages;
using Conversations.Api.Contracts.Widget;
using Conversations.Channels.Contracts;

namespace Conversations.Channels.Widget;

/// <summary>Stored messages as the widget's visitor API shows them.</summary>
public static class WidgetMessages
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
        new($"{message.ConversationId:N}:{message.Seq}", message.MessageId, message.Seq, from, message.Content.ToContract(), message.CreatedAt,
            message.Direction == MessageDirection.Customer ? message.ChannelMessageId : null);
}
