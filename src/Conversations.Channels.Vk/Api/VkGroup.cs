using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>A community as <c>groups.getById</c> returns it (groups_group_full: id, name, screen_name).</summary>
public sealed record VkGroup(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("screen_name")] string? ScreenName);
