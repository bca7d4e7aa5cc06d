using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>A document (docs_doc): title, extension, size, its download URL and the access key of a private one.</summary>
public sealed record VkDoc(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("owner_id")] long OwnerId,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("ext")] string? Ext,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("access_key")] string? AccessKey = null);
