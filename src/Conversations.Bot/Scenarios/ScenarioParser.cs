using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.Bot.Scenarios.Parsing;
using Conversations.Bot.Scenarios.Steps;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios;

/// <summary>
/// Validates a scenario document (JSON) and, when it is valid, builds the immutable <see cref="Scenario"/>.
/// Every problem is reported at once, each with its path (<c>steps[3].next: unknown step 'x'</c>).
/// </summary>
/// <remarks>
/// The format, in short (comments and trailing commas are allowed):
/// <code>
/// {
///   "start": "welcome",
///   "settings": { "maxStepsPerTurn": 20 },
///   "texts": { "unsupported": "...", "technicalError": "...", "numberedHint": "...", "ratingHint": "..." },
///   "steps": [
///     { "id": "welcome", "kind": "message", "text": "Здравствуйте, {customer.name}!", "next": "main" },
///     { "id": "main", "kind": "menu", "text": "Чем помочь?", "options": [ { "label": "Каталог", "next": "catalog" } ] }
///   ]
/// }
/// </code>
/// Every step kind and its properties are described in this library's <c>README.md</c>; <c>Samples/shop-scenario.json</c>
/// uses them all.
/// </remarks>
public static partial class ScenarioParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 32,
    };

    /// <summary>Validates <paramref name="json"/>; the scenario it yields carries <paramref name="version"/>.</summary>
    /// <param name="json">The scenario document.</param>
    /// <param name="version">The caller's version of this document (e.g. a revision number), kept in sessions.</param>
    public static ScenarioParseResult Parse(string json, string version)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return new ScenarioParseResult(null, [new ScenarioProblem("$", $"not valid JSON: {ex.Message}")]);
        }

        using (document)
        {
            return InvalidUtf16At(json) is { } position
                ? new ScenarioParseResult(null, [new ScenarioProblem("$", $"a string at byte {position} is not valid UTF-16 (a lone surrogate escape such as \\ud800).")])
                : Parse(document.RootElement, version);
        }
    }

    /// <summary>
    /// Where a string or property name decodes to invalid UTF-16 (an escaped lone surrogate), or null. JSON allows such
    /// escapes, but no .NET string can be read from them: found here, they are a problem, not an exception later.
    /// </summary>
    private static long? InvalidUtf16At(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json), new JsonReaderOptions
        {
            CommentHandling = DocumentOptions.CommentHandling,
            AllowTrailingCommas = DocumentOptions.AllowTrailingCommas,
            MaxDepth = DocumentOptions.MaxDepth,
        });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return reader.TokenStartIndex;
                }
            }
        }

        return null;
    }

    private static ScenarioParseResult Parse(JsonElement root, string version)
    {
        var context = new ParseContext();
        if (JsonObjectReader.Open(root, "", context) is not { } reader)
        {
            return new ScenarioParseResult(null, context.Problems);
        }

        reader.String("name", maxLength: 200);
        reader.String("description", maxLength: 4000);
        reader.Value("$schema");
        var start = reader.String("start", required: true, maxLength: 100);
        var maxSteps = ReadSettings(reader);
        var texts = ReadTexts(reader);

        var steps = new List<(int Index, string Id, ScenarioStep? Step)>();
        var firstIndexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (item, path) in reader.Array("steps", required: true, 1, 1000) ?? [])
        {
            if (JsonObjectReader.Open(item, path, context) is not { } stepReader)
            {
                continue;
            }

            var id = stepReader.String("id", required: true, maxLength: 100);
            if (id is not null && !StepIdPattern().IsMatch(id))
            {
                stepReader.Problem("id", $"'{id}' is not a valid step id (latin letters, digits, '_', '-', '.'; at most 40)");
            }

            if (id is not null && !firstIndexOf.TryAdd(id, steps.Count))
            {
                stepReader.Problem("id", $"duplicate step id '{id}' (first used by steps[{firstIndexOf[id]}])");
                id = null;
            }

            var kind = stepReader.String("kind", required: true, maxLength: 100);
            ScenarioStep? step = null;
            if (kind is not null && !StepParser.Kinds.Contains(kind))
            {
                stepReader.Problem("kind", $"unknown step kind '{kind}' (expected one of {string.Join(", ", StepParser.Kinds)})");
            }
            else if (kind is not null)
            {
                step = StepParser.Parse(stepReader, id ?? "", kind);
            }

            steps.Add((steps.Count, id ?? "", step));
        }

        if (start is not null && !firstIndexOf.ContainsKey(start))
        {
            reader.Problem("start", $"unknown step '{start}'");
        }

        var entryPoints = ReadEventEntryPoints(reader);
        CheckReferences(context, firstIndexOf);
        CheckReads(context);
        CheckReachability(context, start, entryPoints.Values, firstIndexOf);
        var parsed = steps.Where(s => s.Step is not null && s.Id.Length > 0)
            .GroupBy(s => s.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Step!, StringComparer.Ordinal);
        CheckUnconditionalLoops(context, parsed, firstIndexOf);
        reader.ReportUnknownProperties();

        if (context.Problems.Count > 0)
        {
            return new ScenarioParseResult(null, [.. context.Problems.OrderBy(p => p.Path, PathComparer.Instance)]);
        }

        var scenario = new Scenario(version, start!, steps.ToImmutableDictionary(s => s.Id, s => s.Step!, StringComparer.Ordinal), maxSteps, texts,
            entryPoints.ToImmutableDictionary(StringComparer.Ordinal));
        return new ScenarioParseResult(scenario, []);
    }

    /// <summary>Most business events one scenario binds to entry points.</summary>
    public const int MaxEventEntryPoints = 100;

    private static int ReadSettings(JsonObjectReader reader)
    {
        if (reader.Value("settings") is not { } element || JsonObjectReader.Open(element, reader.PathOf("settings"), reader.Context) is not { } settings)
        {
            return 20;
        }

        var maxSteps = settings.Integer("maxStepsPerTurn", 1, 100) ?? 20;
        settings.ReportUnknownProperties();
        return maxSteps;
    }

    private static ScenarioTexts ReadTexts(JsonObjectReader reader)
    {
        // The language the document is written in picks the engine's own replies; without one they speak both.
        var language = reader.String("language", maxLength: 8);
        if (language is not null && !ScenarioTexts.Languages.Contains(language))
        {
            reader.Problem("language", $"'{language}' is not a language the engine speaks; use one of {string.Join(", ", ScenarioTexts.Languages)}, or leave it out");
            language = null;
        }

        var defaults = ScenarioTexts.For(language);
        if (reader.Value("texts") is not { } element || JsonObjectReader.Open(element, reader.PathOf("texts"), reader.Context) is not { } texts)
        {
            return defaults;
        }

        var result = defaults with
        {
            Unsupported = texts.Template("unsupported") ?? defaults.Unsupported,
            TechnicalError = texts.Template("technicalError") ?? defaults.TechnicalError,
            NumberedHint = texts.Template("numberedHint") ?? defaults.NumberedHint,
            InvalidEmail = texts.Template("invalidEmail") ?? defaults.InvalidEmail,
            InvalidPhone = texts.Template("invalidPhone") ?? defaults.InvalidPhone,
            InvalidInput = texts.Template("invalidInput") ?? defaults.InvalidInput,
            VerifyCodeSubject = texts.Template("verifyCodeSubject", maxLength: 200) ?? defaults.VerifyCodeSubject,
            VerifyWrongCode = texts.Template("verifyWrongCode") ?? defaults.VerifyWrongCode,
            VerifyExpired = texts.Template("verifyExpired") ?? defaults.VerifyExpired,
            VerifyResendLabel = texts.Template("verifyResendLabel", maxLength: 40) ?? defaults.VerifyResendLabel,
            VerifyResendLimit = texts.Template("verifyResendLimit") ?? defaults.VerifyResendLimit,
        };
        // The rating hint ({min}, {max}) and the code message ({code}, {minutes}) have placeholders of their own, which are not scenario values.
        if (OwnPlaceholders(texts, "ratingHint", 500) is { } ratingHint)
        {
            result = result with { RatingHint = ratingHint };
        }

        if (OwnPlaceholders(texts, "verifyCodeMessage", 300) is { } codeMessage)
        {
            if (!codeMessage.Placeholders.Any(p => p.Path == "code"))
            {
                texts.Problem("verifyCodeMessage", "must contain {code}");
            }

            result = result with { VerifyCodeMessage = codeMessage };
        }

        texts.ReportUnknownProperties();
        return result;
    }

    private static Template? OwnPlaceholders(JsonObjectReader texts, string name, int maxLength)
    {
        if (texts.String(name, maxLength: maxLength) is not { } text)
        {
            return null;
        }

        if (Template.TryParse(text, out var template, out var error))
        {
            return template;
        }

        texts.Problem(name, $"bad template: {error}");
        return null;
    }

    private static void CheckReferences(ParseContext context, Dictionary<string, int> ids)
    {
        foreach (var (path, _, target) in context.References)
        {
            if (!ids.ContainsKey(target))
            {
                context.Problem(path, $"unknown step '{target}'");
            }
        }
    }

    private static void CheckReads(ParseContext context)
    {
        foreach (var (path, valuePath) in context.Reads)
        {
            var root = valuePath.Split('.', 2)[0];
            if (root == ValueRoots.Customer && CustomerPathProblem(valuePath) is { } problem)
            {
                context.Problem(path, problem);
            }
            else if (!ParseContext.BuiltInRoots.Contains(root) && !context.DeclaredRoots.Contains(root))
            {
                var known = string.Join(", ", ParseContext.BuiltInRoots.Concat(context.DeclaredRoots).Order(StringComparer.Ordinal));
                context.Problem(path, $"unknown variable root '{root}' in '{valuePath}' (known: {known}; variables are written by input, rating and http steps)");
            }
        }
    }

    /// <summary>Why <paramref name="valuePath"/> (under <c>customer.</c>) cannot be read, or null when it can.</summary>
    private static string? CustomerPathProblem(string valuePath)
    {
        var segments = valuePath.Split('.');
        var isAttributes = segments.Length > 1 && segments[1] == ValueRoots.AttributesSegment;
        return (segments.Length, isAttributes) switch
        {
            (2, false) or (3, true) => null,
            (2, true) => $"'{valuePath}' names no attribute: use customer.attributes.<name>",
            _ => $"'{valuePath}' cannot be read: use customer.name, customer.phone, customer.email, customer.<attribute> or customer.attributes.<name>",
        };
    }

    /// <summary>
    /// <c>"events": { "order_delivered": "survey" }</c>: business event names (latin letters, digits, <c>_ - .</c>, at most
    /// 64; at most <see cref="MaxEventEntryPoints"/>) and the step each starts; the steps are references like any other.
    /// </summary>
    private static Dictionary<string, string> ReadEventEntryPoints(JsonObjectReader reader)
    {
        var entryPoints = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.Value("events") is not { } element || JsonObjectReader.Open(element, reader.PathOf("events"), reader.Context) is not { } events)
        {
            return entryPoints;
        }

        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (++count > MaxEventEntryPoints)
            {
                reader.Problem("events", $"at most {MaxEventEntryPoints} event entry points");
                break;
            }

            if (!EventNamePattern().IsMatch(property.Name))
            {
                events.Problem(property.Name, $"'{property.Name}' is not a valid event name (latin letters, digits, '_', '-', '.'; at most 64)");
                events.Value(property.Name);
                continue;
            }

            if (events.Reference(property.Name, "", required: true) is { } step)
            {
                entryPoints[property.Name] = step;
            }
        }

        events.ReportUnknownProperties();
        return entryPoints;
    }

    private static void CheckReachability(ParseContext context, string? start, IEnumerable<string> entryPoints, Dictionary<string, int> ids)
    {
        if (start is null || !ids.ContainsKey(start))
        {
            return;
        }

        var edges = context.References.Where(r => ids.ContainsKey(r.Target)).ToLookup(r => r.FromStepId, r => r.Target, StringComparer.Ordinal);
        // A business event's entry point starts flows too: steps reached only from one are reachable.
        var roots = entryPoints.Where(ids.ContainsKey).Prepend(start).Distinct(StringComparer.Ordinal).ToList();
        var reached = new HashSet<string>(roots, StringComparer.Ordinal);
        var queue = new Queue<string>(roots);
        while (queue.TryDequeue(out var id))
        {
            foreach (var next in edges[id].Where(reached.Add))
            {
                queue.Enqueue(next);
            }
        }

        foreach (var (id, index) in ids.Where(i => !reached.Contains(i.Key)))
        {
            context.Problem($"steps[{index}]", roots.Count == 1
                ? $"step '{id}' is unreachable from the start step '{start}'"
                : $"step '{id}' is unreachable from the start step '{start}' and from every event entry point");
        }
    }

    /// <summary>
    /// Message and goto steps move on without the customer; a cycle made only of them would spin until the engine's
    /// loop guard stops it, so it is rejected here.
    /// </summary>
    private static void CheckUnconditionalLoops(ParseContext context, Dictionary<string, ScenarioStep> steps, Dictionary<string, int> ids)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var first in steps.Keys.Order(StringComparer.Ordinal))
        {
            var chain = new List<string>();
            var current = first;
            while (current is not null && !reported.Contains(current))
            {
                var loopStart = chain.IndexOf(current);
                if (loopStart >= 0)
                {
                    var loop = chain.Skip(loopStart).ToList();
                    reported.UnionWith(loop);
                    context.Problem($"steps[{ids[current]}]", $"steps {string.Join(" → ", loop.Append(current).Select(s => $"'{s}'"))} loop forever without waiting for the customer");
                    break;
                }

                chain.Add(current);
                current = steps.GetValueOrDefault(current) switch
                {
                    MessageStep message => message.Next,
                    GotoStep jump => jump.Target,
                    _ => null,
                };
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,40}$")]
    private static partial Regex StepIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex EventNamePattern();
}
