using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>The response of <c>docs.save</c> (docs_save_response): the kind saved and, for <c>doc</c>, the document.</summary>
public sealed record VkSavedDoc(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("doc")] VkDoc? Doc);
