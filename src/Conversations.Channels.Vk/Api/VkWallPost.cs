using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>A shared wall post (wall_wallpost_full): whose wall, which post, its text.</summary>
public sealed record VkWallPost(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("owner_id")] long OwnerId,
    [property: JsonPropertyName("text")] string? Text);
