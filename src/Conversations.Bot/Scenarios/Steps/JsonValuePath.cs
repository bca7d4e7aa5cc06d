using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>
/// A simple path into a JSON document: dotted property names with array indexes either as segments or in brackets
/// (<c>order.status</c>, <c>orders.0.id</c>, <c>orders[0].id</c>).
/// </summary>
internal sealed class JsonValuePath
{
    private readonly ImmutableArray<string> _segments;

    private JsonValuePath(string source, ImmutableArray<string> segments)
    {
        Source = source;
        _segments = segments;
    }

    public string Source { get; }

    public static bool TryParse(string source, [NotNullWhen(true)] out JsonValuePath? path)
    {
        path = null;
        if (string.IsNullOrWhiteSpace(source))
        {
            return false;
        }

        var segments = ImmutableArray.CreateBuilder<string>();
        foreach (var part in source.Replace("[", ".[", StringComparison.Ordinal).Split('.'))
        {
            if (part.StartsWith('['))
            {
                if (!part.EndsWith(']') || !int.TryParse(part[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return false;
                }

                segments.Add(part[1..^1]);
            }
            else if (part.Length == 0 || part.Contains(']', StringComparison.Ordinal))
            {
                return false;
            }
            else
            {
                segments.Add(part);
            }
        }

        path = new JsonValuePath(source, segments.ToImmutable());
        return true;
    }

    /// <summary>The value at this path as text (strings as they are, numbers and booleans as written, objects and
    /// arrays as JSON), or null when the path leads nowhere or to <c>null</c>.</summary>
    public string? Select(JsonElement root)
    {
        var current = root;
        foreach (var segment in _segments)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var property))
            {
                current = property;
            }
            else if (current.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => current.GetString(),
            _ => current.GetRawText(),
        };
    }
}
