using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.Messenger.Json;

/// <summary>One messaging event: sender, recipient and one of message, postback, referral, delivery, read, reaction. Written from developers.facebook.com/docs/messenger-platform/reference/webhook-events.</summary>
internal sealed class MsEvent
{
    [JsonPropertyName("sender")]
    public MsParty? Sender { get; init; }

    [JsonPropertyName("recipient")]
    public MsParty? Recipient { get; init; }

    [JsonPropertyName("timestamp")]
    public long? Timestamp { get; init; }

    [JsonPropertyName("message")]
    public MsMessage? Message { get; init; }

    [JsonPropertyName("postback")]
    public MsPostback? Postback { get; init; }

    [JsonPropertyName("referral")]
    public MsReferral? Referral { get; init; }

    [JsonPropertyName("delivery")]
    public System.Text.Json.JsonElement? Delivery { get; init; }

    [JsonPropertyName("read")]
    public System.Text.Json.JsonElement? Read { get; init; }

    [JsonPropertyName("reaction")]
    public System.Text.Json.JsonElement? Reaction { get; init; }
}
