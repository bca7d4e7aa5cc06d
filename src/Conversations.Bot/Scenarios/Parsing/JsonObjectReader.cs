using System.Text.Json;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Parsing;

/// <summary>
/// Reads the properties of one JSON object, reporting every wrong or missing value with its path instead of stopping
/// at the first, and (at the end) every property nobody asked for — a misspelt <c>"nxt"</c> is a problem, not a
/// silently ignored key.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly ParseContext _context;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private JsonObjectReader(JsonElement element, string path, ParseContext context)
    {
        _element = element;
        Path = path;
        _context = context;
    }

    public string Path { get; }

    public ParseContext Context => _context;

    public static JsonObjectReader? Open(JsonElement element, string path, ParseContext context)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return new JsonObjectReader(element, path, context);
        }

        context.Problem(path, $"expected an object, found {Describe(element)}");
        return null;
    }

    public string PathOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public void Problem(string name, string message) => _context.Problem(PathOf(name), message);

    public bool Has(string name)
    {
        _known.Add(name);
        return _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
    }

    public JsonElement? Value(string name, bool required = false)
    {
        if (Has(name))
        {
            return _element.GetProperty(name);
        }

        if (required)
        {
            Problem(name, "is required");
        }

        return null;
    }

    public string? String(string name, bool required = false, int maxLength = 4096)
    {
        if (Value(name, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Problem(name, $"expected a string, found {Describe(value)}");
            return null;
        }

        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            Problem(name, "must not be empty");
            return null;
        }

        if (text.Length > maxLength)
        {
            Problem(name, $"is {text.Length} characters long; at most {maxLength} are allowed");
            return null;
        }

        return text;
    }

    public int? Integer(string name, int min, int max, bool required = false)
    {
        if (Value(name, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Problem(name, $"expected a whole number, found {Describe(value)}");
            return null;
        }

        if (number < min || number > max)
        {
            Problem(name, $"{number} is out of range {min}..{max}");
            return null;
        }

        return number;
    }

    public bool? Boolean(string name)
    {
        if (Value(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Problem(name, $"expected true or false, found {Describe(value)}");
        return null;
    }

    /// <summary>The items of an array property with their paths; reports a wrong type or count.</summary>
    public IReadOnlyList<(JsonElement Item, string Path)>? Array(string name, bool required, int minCount, int maxCount)
    {
        if (Value(name, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem(name, $"expected an array, found {Describe(value)}");
            return null;
        }

        var count = value.GetArrayLength();
        if (count < minCount || count > maxCount)
        {
            Problem(name, count < minCount
                ? $"has {count} items; at least {minCount} {(minCount == 1 ? "is" : "are")} required"
                : $"has {count} items; at most {maxCount} are allowed");
        }

        return [.. value.EnumerateArray().Take(maxCount).Select((item, i) => (item, $"{PathOf(name)}[{i}]"))];
    }

    /// <summary>A template property; a bad template is reported, and the values it reads are checked later.</summary>
    public Template? Template(string name, bool required = false, int maxLength = 4096)
    {
        if (String(name, required, maxLength) is not { } text)
        {
            return null;
        }

        return ParseTemplate(text, PathOf(name), _context);
    }

    /// <summary>
    /// A URL template: absolute http(s), or starting with a <c>config</c> value such as <c>{config.crmBaseUrl}</c>
    /// (only the business's own configuration may choose where a request goes, never a customer's answer).
    /// </summary>
    public Template? UrlTemplate(string name, bool required = false)
    {
        if (Template(name, required, maxLength: 2048) is not { } template)
        {
            return null;
        }

        var prefix = template.LiteralPrefix;
        var constant = template.Placeholders.Count == 0;
        var absolute = prefix.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || prefix.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
        if (constant ? !IsAbsoluteHttpUrl(template.Source) : prefix.Length > 0 && !absolute)
        {
            Problem(name, $"'{template.Source}' is not an absolute http(s) URL");
        }
        else if (prefix.Length == 0 && template.Placeholders.Count > 0 && template.Placeholders[0].Root != ValueRoots.Config)
        {
            Problem(name, $"'{template.Source}' must start with http(s):// or with a {{config.…}} base URL");
        }

        return template;
    }

    /// <summary>A reference to another step, checked once every id is known.</summary>
    public string? Reference(string name, string fromStepId, bool required)
    {
        var target = String(name, required, maxLength: 100);
        if (target is not null)
        {
            _context.References.Add((PathOf(name), fromStepId, target));
        }

        return target;
    }

    /// <summary>A variable name the step writes; reports names that cannot be written.</summary>
    public string? VariableTarget(string name, bool required = false)
    {
        var variable = String(name, required, maxLength: 100);
        return variable is null ? null : CheckVariableTarget(variable, PathOf(name), _context) ? variable : null;
    }

    /// <summary>Reports every property of the object that was never asked for.</summary>
    public void ReportUnknownProperties()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
            {
                _context.Problem(PathOf(property.Name), $"unknown property '{property.Name}'");
            }
        }
    }

    public static Template? ParseTemplate(string text, string path, ParseContext context)
    {
        if (!Templates.Template.TryParse(text, out var template, out var error))
        {
            context.Problem(path, $"bad template: {error}");
            return null;
        }

        context.Read(path, template);
        return template;
    }

    public static bool CheckVariableTarget(string variable, string path, ParseContext context)
    {
        if (!Templates.Template.IsValidPath(variable))
        {
            context.Problem(path, $"'{variable}' is not a valid variable name (dotted latin names such as order.status)");
            return false;
        }

        var segments = variable.Split('.');
        if (segments[0] == ValueRoots.Customer)
        {
            if (segments.Length != 2 || variable is ValueRoots.CustomerName or ValueRoots.CustomerPhone or ValueRoots.CustomerEmail
                || segments[1] == ValueRoots.AttributesSegment)
            {
                context.Problem(path, $"'{variable}' cannot be written: use customer.<attribute> (phones and e-mails are collected by input steps)");
                return false;
            }
        }
        else if (ParseContext.BuiltInRoots.Contains(segments[0]))
        {
            context.Problem(path, $"'{variable}' cannot be written: '{segments[0]}' is reserved");
            return false;
        }

        context.DeclaredRoots.Add(segments[0]);
        return true;
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"string \"{Shorten(element.GetString()!)}\"",
        JsonValueKind.Number => $"number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"boolean {element.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 30 ? text : string.Concat(text.AsSpan(0, 30), "…");

    private static bool IsAbsoluteHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
