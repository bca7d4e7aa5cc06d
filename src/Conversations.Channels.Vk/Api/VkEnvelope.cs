using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>Every VK API answer: <c>{"response": ...}</c> or <c>{"error": {...}}</c>.</summary>
public sealed record VkEnvelope(
    [property: JsonPropertyName("response")] JsonElement? Response,
    [property: JsonPropertyName("error")] VkError? Error);
