using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>
/// One answer of the Bots Long Poll server (dev.vk.com/api/bots-long-poll/getting-started): the next <c>ts</c> and the
/// events (the same objects the Callback API posts), or <c>failed</c>: 1 (take the new ts), 2 (the key expired: get a
/// new key), 3 (information lost: get a new key and ts).
/// </summary>
public sealed record VkLongPollResponse(
    [property: JsonPropertyName("ts")] JsonElement? Ts,
    [property: JsonPropertyName("updates")] IReadOnlyList<VkCallback>? Updates,
    [property: JsonPropertyName("failed")] int? Failed);
