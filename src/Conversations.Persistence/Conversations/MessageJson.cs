using System.Text.Json;
using System.Text.Json.Serialization;
using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Conversations;

/// <summary>The one JSON format of stored message contents.</summary>
public static class MessageJson
{
    /// <summary>Options used for every stored content.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // jsonb reorders keys, so the "type" discriminator is not always first.
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Content to JSON.</summary>
    public static string Serialize(MessageContent content) => JsonSerializer.Serialize(content, Options);

    /// <summary>JSON to content.</summary>
    public static MessageContent Deserialize(string json) =>
        JsonSerializer.Deserialize<MessageContent>(json, Options) ?? throw new JsonException("Empty message content.");
}
