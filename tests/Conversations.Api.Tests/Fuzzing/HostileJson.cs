using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Conversations.Api.Tests.Fuzzing;

/// <summary>
/// Generates request bodies from an OpenAPI schema: mostly well-shaped, with hostile values mixed in (wrong types,
/// nulls, huge and lone-surrogate strings, numbers out of range, undefined enum values and flag combinations,
/// unknown fields), plus bodies that are not JSON at all. The JSON is written as text, so values that a serializer
/// would refuse to produce (a lone surrogate, 1e400) reach the server as an attacker would send them.
/// </summary>
public sealed class HostileJson(JsonElement document)
{
    private static readonly Gen<string> Atoms = Gen.OneOf(
        "null", "true", "false", "0", "-1", "2147483648", "99999999999999999999999", "1e400", "-1e400", "1.5", "NaN",
        "\"\"", "\" \"", "\"\\ud800\"", "\"a\\udfffb\"", "\"\\u0000\"", "\"99\"", "\"Admin,Operator\"", "\"-1\"",
        "\"../../etc/passwd\"", "\"<script>alert(1)</script>\"", "\"http://169.254.169.254/latest/meta-data\"",
        "\"http://127.0.0.1:22/\"", "\"00000000-0000-0000-0000-000000000000\"", "\"not-a-guid\"", "\"9999-12-31T23:59:59Z\"",
        "\"0001-01-01T00:00:00Z\"", "\"2026-13-45T99:99:99Z\"", "[]", "{}", "[null]", "{\"$type\":\"System.Object\"}");

    private static readonly Gen<string> Words = Gen.OneOf(
        "hello", "Привет", "operator", "demo", "a", "x@example.com", "+15551234567", "https://example.com/a.png", "Online",
        "Admin", "Operator", "Bot", "Telegram", "Widget", "Polling", "Webhook", "en", "ru", "09:00", "Europe/Moscow");

    private static readonly Gen<string> Malformed = Gen.OneOf(
        "", "{", "}", "[", "{\"a\":", "{'a':1}", "nul", "not json", "{\"a\":1,}", "\"unterminated", "{\"a\" 1}",
        "\u00ff\u00fe", "{\"a\":1}{\"b\":2}", "[1,2", "{\"a\":\"\\x\"}");

    private static readonly Gen<string> Huge = Gen.OneOf(
        Quote(new string('x', 70_000)), Quote(new string('я', 300_000)), "\"" + string.Concat(Enumerable.Repeat("ab\\u0000", 10_000)) + "\"");

    /// <summary>A body for <paramref name="schema"/>: well-shaped with hostile values, or raw malformed text.</summary>
    public Gen<string> Body(JsonElement schema) =>
        Gen.Frequency((6, Value(schema, 0)), (1, Malformed), (1, Atoms), (1, Huge));

    private Gen<string> Value(JsonElement schema, int depth)
    {
        schema = Resolve(schema);
        if (depth > 4)
        {
            return Atoms;
        }

        return Gen.Frequency((8, WellShaped(schema, depth)), (2, Atoms), (1, Huge));
    }

    private Gen<string> WellShaped(JsonElement schema, int depth)
    {
        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            return Gen.OneOf([.. values.EnumerateArray().Select(v => v.GetRawText())]);
        }

        foreach (var union in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(union, out var options) && options.GetArrayLength() > 0)
            {
                return Gen.OneOf([.. options.EnumerateArray().Select(o => Value(o, depth + 1))]);
            }
        }

        return TypeOf(schema) switch
        {
            "object" => ObjectOf(schema, depth),
            "array" => schema.TryGetProperty("items", out var items)
                ? Value(items, depth + 1).Array[0, 4].Select(a => "[" + string.Join(",", a) + "]")
                : Gen.Const("[]"),
            "string" => Gen.Frequency((3, Words), (1, Gen.String[Gen.Char.AlphaNumeric, 0, 40])).Select(Quote),
            "integer" => Gen.Frequency((3, Gen.Int[-2, 100]), (1, Gen.Int)).Select(i => i.ToString(CultureInfo.InvariantCulture)),
            "number" => Gen.Double[-1e6, 1e6].Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            "boolean" => Gen.Bool.Select(b => b ? "true" : "false"),
            _ => Atoms,
        };
    }

    private Gen<string> ObjectOf(JsonElement schema, int depth)
    {
        if (!schema.TryGetProperty("properties", out var properties))
        {
            // A map (additionalProperties): entries with hostile keys and values of the map's own type.
            return schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object
                ? Gen.Select(Gen.Frequency((3, Words), (1, Gen.String[Gen.Char.AlphaNumeric, 0, 20])), Value(values, depth + 1), (key, value) => Quote(key) + ":" + value)
                    .Array[0, 4].Select(entries => "{" + string.Join(",", entries) + "}")
                : Gen.OneOf("{}", "{\"extra\":1}");
        }

        var fields = properties.EnumerateObject()
            .Select(p => Gen.Frequency((6, Value(p.Value, depth + 1).Select(v => (string?)(Quote(p.Name) + ":" + v))), (1, Gen.Const((string?)null))))
            .ToArray();
        var unknown = Gen.Frequency((5, Gen.Const((string?)null)), (1, Gen.Const((string?)"\"unknownField\":{\"deep\":[1,2,3]}")));
        var all = fields.Aggregate(Gen.Const(Array.Empty<string?>()), (acc, field) => Gen.Select(acc, field, (a, f) => (string?[])[.. a, f]));
        return Gen.Select(all, unknown, (present, extra) =>
        {
            var parts = present.Append(extra).Where(p => p is not null);
            return "{" + string.Join(",", parts) + "}";
        });
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        // OpenAPI 3.1 writes nullable types as ["string", "null"].
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
