using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Conversations.Bot.Templates;

/// <summary>
/// A text with placeholders: <c>Здравствуйте, {customer.name}! Ваш заказ: {order.status|уточняется}</c>.
/// </summary>
/// <remarks>
/// <para>Syntax: <c>{path}</c> or <c>{path|default}</c>; <c>{{</c> and <c>}}</c> write literal braces. A path is dotted
/// segments of latin letters, digits, <c>_</c> and <c>-</c>, starting with a letter or <c>_</c>. The first segment is
/// the root: <c>customer</c> (name, phone, email, or any attribute), <c>config</c> (values the caller supplies, such
/// as <c>config.crmBaseUrl</c>), <c>start</c>, <c>quiz</c>, <c>consent</c>, or a variable written by an input or http
/// step (<c>order.status</c>).</para>
/// <para>A missing or empty value renders as its default, or as nothing. Values are sanitised with
/// <see cref="TemplateValueSanitizer"/>; literal text and defaults, written by the business, are kept as they are.</para>
/// </remarks>
public sealed class Template
{
    private readonly IReadOnlyList<Segment> _segments;

    private Template(string source, IReadOnlyList<Segment> segments)
    {
        Source = source;
        _segments = segments;
        Placeholders = [.. segments.Where(s => s.Placeholder is not null).Select(s => s.Placeholder!)];
    }

    /// <summary>The template as written.</summary>
    public string Source { get; }

    /// <summary>The placeholders, in order.</summary>
    public IReadOnlyList<TemplatePlaceholder> Placeholders { get; }

    /// <summary>The literal text before the first placeholder ("" when the template starts with one).</summary>
    public string LiteralPrefix => _segments.Count > 0 && _segments[0].Literal is { } literal ? literal : "";

    /// <summary>Parses <paramref name="source"/>, or says what is wrong with it.</summary>
    public static bool TryParse(string source, [NotNullWhen(true)] out Template? template, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        template = null;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '}')
            {
                if (i + 1 < source.Length && source[i + 1] == '}')
                {
                    literal.Append('}');
                    i++;
                    continue;
                }

                error = $"unmatched '}}' at position {i + 1} (write '}}}}' for a literal brace)";
                return false;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            if (i + 1 < source.Length && source[i + 1] == '{')
            {
                literal.Append('{');
                i++;
                continue;
            }

            var close = source.IndexOf('}', i + 1);
            var nextOpen = source.IndexOf('{', i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                error = $"unclosed '{{' at position {i + 1}";
                return false;
            }

            var body = source[(i + 1)..close];
            var bar = body.IndexOf('|', StringComparison.Ordinal);
            var path = (bar < 0 ? body : body[..bar]).Trim();
            if (!IsValidPath(path))
            {
                error = path.Length == 0
                    ? $"empty placeholder at position {i + 1}"
                    : $"invalid placeholder '{{{body}}}' at position {i + 1} (expected a dotted name such as customer.name)";
                return false;
            }

            if (literal.Length > 0)
            {
                segments.Add(new Segment(literal.ToString(), null));
                literal.Clear();
            }

            segments.Add(new Segment(null, new TemplatePlaceholder(path, bar < 0 ? null : body[(bar + 1)..])));
            i = close;
        }

        if (literal.Length > 0)
        {
            segments.Add(new Segment(literal.ToString(), null));
        }

        template = new Template(source, segments);
        error = null;
        return true;
    }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="FormatException"/> when it is not a valid template.</summary>
    public static Template Parse(string source) =>
        TryParse(source, out var template, out var error) ? template : throw new FormatException($"Invalid template: {error}.");

    /// <summary>Whether <paramref name="path"/> is a dotted name usable in a placeholder or as a variable.</summary>
    public static bool IsValidPath(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 100)
        {
            return false;
        }

        foreach (var segment in path.Split('.'))
        {
            if (segment.Length == 0 || !(char.IsAsciiLetter(segment[0]) || segment[0] == '_')
                || !segment.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text with every placeholder replaced by its value from <paramref name="values"/>.</summary>
    /// <param name="values">Looks a path up; null or empty means missing.</param>
    /// <param name="encoding">How values are written.</param>
    public string Render(Func<string, string?> values, TemplateEncoding encoding = TemplateEncoding.PlainText)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder();
        for (var i = 0; i < _segments.Count; i++)
        {
            if (_segments[i].Placeholder is not { } placeholder)
            {
                text.Append(_segments[i].Literal);
                continue;
            }

            var value = values(placeholder.Path);
            var written = string.IsNullOrEmpty(value) ? placeholder.Default ?? "" : TemplateValueSanitizer.Sanitize(value);
            var isBaseUrl = i == 0;
            text.Append(encoding == TemplateEncoding.Url && !isBaseUrl ? Uri.EscapeDataString(written) : written);
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Source;

    private sealed record Segment(string? Literal, TemplatePlaceholder? Placeholder);
}
