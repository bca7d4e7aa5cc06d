using System.Text.Json.Nodes;

namespace Conversations.Testing.Meta;

/// <summary>One call to the Graph API stand-in.</summary>
/// <param name="Method">GET or POST.</param>
/// <param name="Path">The path after the version (<c>{phone-number-id}/messages</c>).</param>
/// <param name="Token">The bearer token it carried.</param>
/// <param name="Body">The JSON body (empty for GET).</param>
/// <param name="Answered">The HTTP status it was answered with.</param>
public sealed record GraphCall(string Method, string Path, string? Token, JsonObject Body, int Answered)
{
    /// <summary>A string field of the body by a dotted path (<c>text.body</c>), or null.</summary>
    public string? Field(string path)
    {
        JsonNode? node = Body;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonArray array && int.TryParse(part, out var index) ? (index < array.Count ? array[index] : null) : node?[part];
        }

        return node is JsonValue value ? value.ToString() : node?.ToJsonString();
    }
}
