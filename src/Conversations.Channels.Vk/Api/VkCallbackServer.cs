using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>A Callback API server as <c>groups.getCallbackServers</c> lists it (groups_callback_server).</summary>
public sealed record VkCallbackServer(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("status")] string? Status);
