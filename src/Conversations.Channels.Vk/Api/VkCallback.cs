using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>
/// One Callback API notification (dev.vk.com/api/callback/getting-started; vk-api-schema callback_base): its
/// <c>type</c>, the community, the unique <c>event_id</c> (a retry carries the same one), the API version, the
/// <c>secret</c> set with the server, and the event's <c>object</c>.
/// </summary>
public sealed record VkCallback(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("group_id")] long GroupId,
    [property: JsonPropertyName("event_id")] string? EventId,
    [property: JsonPropertyName("v")] string? V,
    [property: JsonPropertyName("secret")] string? Secret,
    [property: JsonPropertyName("object")] JsonElement? EventObject);
