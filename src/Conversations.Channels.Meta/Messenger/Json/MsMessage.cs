using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.Messenger.Json;

/// <summary>A message: <c>mid</c>, text, a quick reply's payload, attachments; <c>is_echo</c> when the Page itself sent it. Written from developers.facebook.com/docs/messenger-platform/reference/webhook-events.</summary>
internal sealed class MsMessage
{
    [JsonPropertyName("mid")]
    public string? Mid { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("is_echo")]
    public bool? IsEcho { get; init; }

    /// <summary>On an echo: the app that sent the message (developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/message-echoes).</summary>
    [JsonPropertyName("app_id")]
    public long? AppId { get; init; }

    [JsonPropertyName("quick_reply")]
    public MsQuickReply? QuickReply { get; init; }

    [JsonPropertyName("attachments")]
    public IReadOnlyList<MsAttachment>? Attachments { get; init; }
}
