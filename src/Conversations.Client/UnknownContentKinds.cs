using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Conversations.Api.Contracts.Messages;

namespace Conversations.Client;

/// <summary>
/// Reads a kind of message content this client does not know yet (from a newer server) as an
/// <see cref="UnsupportedContent"/> of that kind, rather than failing the whole answer; known kinds read and write as usual.
/// </summary>
internal sealed class UnknownContentKinds : JsonConverter<MessageContent>
{
    private static readonly HashSet<string> Known = [.. typeof(MessageContent).GetCustomAttributes<JsonDerivedTypeAttribute>()
        .Select(d => d.TypeDiscriminator).OfType<string>()];

    private readonly JsonSerializerOptions _inner;

    /// <summary>Reads and writes known kinds with <paramref name="inner"/> (the client's options without this converter).</summary>
    public UnknownContentKinds(JsonSerializerOptions inner) => _inner = inner;

    /// <summary>
    /// A converter of a polymorphic type must not carry the type's polymorphism options (the serializer refuses both);
    /// the converter does that part itself.
    /// </summary>
    public static void LeavePolymorphismToConverter(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type == typeof(MessageContent))
        {
            typeInfo.PolymorphismOptions = null;
        }
    }

    /// <inheritdoc />
    public override MessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var kind = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var type)
            ? type.GetString()
            : null;
        return kind is not null && !Known.Contains(kind)
            ? new UnsupportedContent(kind)
            : document.RootElement.Deserialize<MessageContent>(_inner);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, _inner);
}
