using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>What VK's upload server answers a posted photo with (photos_photoUpload / message upload response): <c>server</c>, <c>photo</c>, <c>hash</c>, the parameters of photos.saveMessagesPhoto.</summary>
public sealed record VkPhotoUploaded(
    [property: JsonPropertyName("server")] long Server,
    [property: JsonPropertyName("photo")] string? Photo,
    [property: JsonPropertyName("hash")] string? Hash);
