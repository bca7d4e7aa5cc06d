using System.Text.Json.Nodes;

namespace Conversations.Grains.Tests.Compatibility;

/// <summary>Compares what an earlier version wrote with what this one reads back, value by value; and where the goldens live.</summary>
internal static class JsonValues
{
    /// <summary>The goldens' folder in the test project's source (they are recorded there and checked in).</summary>
    internal static readonly string GoldenRoot = Path.Combine(SourceDirectory(), "Compatibility", "Golden");

    /// <summary>Every value of <paramref name="stored"/> that <paramref name="written"/> does not hold the same way, by path.</summary>
    internal static IEnumerable<string> Lost(JsonNode? stored, JsonNode? written, string path)
    {
        switch (stored)
        {
            case JsonObject storedObject:
                if (written is not JsonObject writtenObject)
                {
                    yield return $"{path}: was an object, now {written?.GetValueKind().ToString() ?? "missing"}";
                    yield break;
                }

                foreach (var (name, value) in storedObject)
                {
                    if (!writtenObject.TryGetPropertyValue(name, out var now))
                    {
                        yield return $"{path}.{name}: no longer written (renamed or removed?)";
                        continue;
                    }

                    foreach (var problem in Lost(value, now, $"{path}.{name}"))
                    {
                        yield return problem;
                    }
                }

                break;
            case JsonArray storedArray:
                if (written is not JsonArray writtenArray || writtenArray.Count != storedArray.Count)
                {
                    yield return $"{path}: was an array of {storedArray.Count}, now {(written as JsonArray)?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not an array"}";
                    yield break;
                }

                for (var i = 0; i < storedArray.Count; i++)
                {
                    foreach (var problem in Lost(storedArray[i], writtenArray[i], $"{path}[{i}]"))
                    {
                        yield return problem;
                    }
                }

                break;
            default:
                if (!JsonNode.DeepEquals(stored, written))
                {
                    yield return $"{path}: was {stored?.ToJsonString() ?? "null"}, now {written?.ToJsonString() ?? "missing"}";
                }

                break;
        }
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(file))!;
}
