using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.Messenger.Json;

/// <summary>A sender or recipient: a page-scoped (PSID) or Instagram-scoped (IGSID) id, or the Page's id. Written from developers.facebook.com/docs/messenger-platform/reference/webhook-events.</summary>
internal sealed class MsParty
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }
}
