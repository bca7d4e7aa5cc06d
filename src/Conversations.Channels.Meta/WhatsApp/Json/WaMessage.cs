using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>One message a WhatsApp user sent (messages webhook reference: text, image, audio, video, document, sticker, location, contacts, interactive, button, reaction; <c>referral</c> when it came from an ad). Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaMessage
{
    [JsonPropertyName("from")]
    public string? From { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("text")]
    public WaText? Text { get; init; }

    [JsonPropertyName("image")]
    public WaMedia? Image { get; init; }

    [JsonPropertyName("audio")]
    public WaMedia? Audio { get; init; }

    [JsonPropertyName("video")]
    public WaMedia? Video { get; init; }

    [JsonPropertyName("document")]
    public WaMedia? Document { get; init; }

    [JsonPropertyName("sticker")]
    public WaMedia? Sticker { get; init; }

    [JsonPropertyName("location")]
    public WaLocation? Location { get; init; }

    [JsonPropertyName("contacts")]
    public IReadOnlyList<WaContactCard>? Contacts { get; init; }

    [JsonPropertyName("interactive")]
    public WaInteractive? Interactive { get; init; }

    [JsonPropertyName("button")]
    public WaButton? Button { get; init; }

    [JsonPropertyName("reaction")]
    public WaReaction? Reaction { get; init; }

    [JsonPropertyName("referral")]
    public WaReferral? Referral { get; init; }
}
