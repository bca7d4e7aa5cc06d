using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>
/// A JSON request body whose string values are templates. The structure is fixed by the scenario and values are
/// written by the JSON writer, so a customer's answer can never change the shape of the request.
/// </summary>
internal sealed class JsonBodyTemplate
{
    private readonly JsonElement _body;
    private readonly ImmutableDictionary<string, Template> _templates;

    public JsonBodyTemplate(JsonElement body, ImmutableDictionary<string, Template> templates)
    {
        _body = body.Clone();
        _templates = templates;
    }

    public string Render(Func<string, string?> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, _body, values);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void Write(Utf8JsonWriter writer, JsonElement element, Func<string, string?> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, values);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, values);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(_templates[element.GetString()!].Render(values));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
