using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>The response of <c>photos.getMessagesUploadServer</c> (photos_getMessagesUploadServer_response): where to post the photo.</summary>
public sealed record VkUploadServer([property: JsonPropertyName("upload_url")] string? UploadUrl);
