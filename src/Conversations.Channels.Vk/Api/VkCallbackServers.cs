using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>The response of <c>groups.getCallbackServers</c>.</summary>
public sealed record VkCallbackServers(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("items")] IReadOnlyList<VkCallbackServer>? Items);
