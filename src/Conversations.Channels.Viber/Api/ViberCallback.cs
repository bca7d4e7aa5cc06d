using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conversations.Channels.Viber.Api;

/// <summary>
/// One callback Viber posts to the webhook (developers.viber.com/docs/api/rest-bot-api/#callbacks): the
/// <c>event</c> (webhook, message, subscribed, unsubscribed, conversation_started, delivered, seen, failed), its
/// <c>timestamp</c> (epoch milliseconds), the <c>message_token</c> (unique per event; a retry carries the same one),
/// and the event's fields: <c>sender</c> and <c>message</c> of a message; <c>user</c> of subscribed and
/// conversation_started (with <c>type</c>, <c>context</c> and <c>subscribed</c>); <c>user_id</c> of unsubscribed,
/// delivered, seen and failed (with <c>desc</c> for failed).
/// </summary>
public sealed record ViberCallback(
    [property: JsonPropertyName("event")] string? Event,
    [property: JsonPropertyName("timestamp")] long Timestamp = 0,
    [property: JsonPropertyName("message_token")] JsonElement? MessageToken = null,
    [property: JsonPropertyName("sender")] ViberUser? Sender = null,
    [property: JsonPropertyName("user")] ViberUser? User = null,
    [property: JsonPropertyName("user_id")] string? UserId = null,
    [property: JsonPropertyName("message")] ViberMessage? Message = null,
    [property: JsonPropertyName("type")] string? Type = null,
    [property: JsonPropertyName("context")] string? Context = null,
    [property: JsonPropertyName("subscribed")] bool? Subscribed = null,
    [property: JsonPropertyName("desc")] string? Desc = null,
    [property: JsonPropertyName("chat_hostname")] string? ChatHostname = null)
{
    /// <summary>The message token as text (Viber sends a 64-bit number; a string is taken as it is), or null.</summary>
    public string? Token => MessageToken switch
    {
        { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
        { ValueKind: JsonValueKind.String } text when !string.IsNullOrEmpty(text.GetString()) => text.GetString(),
        _ => null,
    };
}
