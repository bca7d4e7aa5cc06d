using System.Text.Json.Nodes;

namespace Conversations.Api.Admin;

/// <summary>
/// JSON merge patch (RFC 7396, https://www.rfc-editor.org/rfc/rfc7396): an object in the patch changes only the members
/// it names, <c>null</c> removes a member, and any other value (arrays included) replaces the target's value whole.
/// </summary>
internal static class JsonMergePatch
{
    /// <summary>The target with the patch applied (the RFC's MergePatch(Target, Patch) procedure, section 2).</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject changes)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject original ? (JsonObject)original.DeepClone() : [];
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }

        return result;
    }
}
