using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>
/// A callback button press (<c>message_event</c>, callback_message_event): who, where, the event to answer with
/// <c>messages.sendMessageEventAnswer</c>, and the button's payload.
/// </summary>
public sealed record VkMessageEvent(
    [property: JsonPropertyName("user_id")] long UserId,
    [property: JsonPropertyName("peer_id")] long PeerId,
    [property: JsonPropertyName("event_id")] string? EventId,
    [property: JsonPropertyName("payload")] JsonElement? Payload,
    [property: JsonPropertyName("conversation_message_id")] long? ConversationMessageId);
