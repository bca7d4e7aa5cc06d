using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>One photo of the response of <c>photos.saveMessagesPhoto</c> (photos_photo): what the <c>attachment</c> of messages.send names.</summary>
public sealed record VkSavedPhoto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("owner_id")] long OwnerId,
    [property: JsonPropertyName("access_key")] string? AccessKey = null);
