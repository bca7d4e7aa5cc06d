using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>The response of <c>groups.addCallbackServer</c> (groups_addCallbackServer_response).</summary>
public sealed record VkServerAdded([property: JsonPropertyName("server_id")] long ServerId);
