using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>The response of <c>groups.getLongPollServer</c> (groups_long_poll_server): where to poll, with which key, from which ts.</summary>
public sealed record VkLongPollServer(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("ts")] JsonElement Ts);
