using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.Messenger.Json;

/// <summary>A postback button press: its title and payload (and a referral when it opened the thread). Written from developers.facebook.com/docs/messenger-platform/reference/webhook-events.</summary>
internal sealed class MsPostback
{
    [JsonPropertyName("mid")]
    public string? Mid { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("payload")]
    public string? Payload { get; init; }

    [JsonPropertyName("referral")]
    public MsReferral? Referral { get; init; }
}
