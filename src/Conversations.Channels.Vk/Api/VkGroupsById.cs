using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>The response of <c>groups.getById</c> since 5.139 (groups_getById_object_response).</summary>
public sealed record VkGroupsById([property: JsonPropertyName("groups")] IReadOnlyList<VkGroup>? Groups);
