using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>VK's error object (dev.vk.com/reference/errors; vk-api-schema errors.json).</summary>
public sealed record VkError(
    [property: JsonPropertyName("error_code")] int ErrorCode,
    [property: JsonPropertyName("error_msg")] string? ErrorMsg);
