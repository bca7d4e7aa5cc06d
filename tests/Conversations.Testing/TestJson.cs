using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conversations.Testing;

/// <summary>The API's JSON conventions (camelCase, enums as strings), for reading its answers in tests.</summary>
public static class TestJson
{
    /// <summary>Options matching the API.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        AllowOutOfOrderMetadataProperties = true,
    };
}
