using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.Bot.Scenarios.Steps;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Parsing;

/// <summary>Reads one step of each kind, reporting every problem of the step.</summary>
internal static class StepParser
{
    public const int MaxChoices = 20;
    public const int MaxPayloadLength = 64;

    public static readonly IReadOnlyList<string> Kinds =
        ["message", "menu", "input", "consent", "rating", "quiz", "http", "condition", "handoff", "goto", "end", "verify"];

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly Dictionary<string, ConditionOperator> Operators = new(StringComparer.Ordinal)
    {
        ["equals"] = ConditionOperator.EqualTo,
        ["notEquals"] = ConditionOperator.NotEqualTo,
        ["exists"] = ConditionOperator.Exists,
        ["notExists"] = ConditionOperator.NotExists,
        ["contains"] = ConditionOperator.Contains,
        ["greaterThan"] = ConditionOperator.GreaterThan,
        ["lessThan"] = ConditionOperator.LessThan,
    };

    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>The step, or null when it has problems (they are in the context).</summary>
    public static ScenarioStep? Parse(JsonObjectReader step, string id, string kind)
    {
        var before = step.Context.Problems.Count;
        ScenarioStep? parsed = kind switch
        {
            "message" => Message(step, id),
            "menu" => Menu(step, id),
            "input" => Input(step, id),
            "consent" => Consent(step, id),
            "rating" => Rating(step, id),
            "quiz" => Quiz(step, id),
            "http" => Http(step, id),
            "condition" => Condition(step, id),
            "handoff" => new HandoffStep(id, step.Template("reason", required: true, maxLength: 200)!, step.Template("text")),
            "goto" => new GotoStep(id, step.Reference("target", id, required: true)!),
            "end" => new EndStep(id, step.Template("text")),
            "verify" => VerifyStepParser.Parse(step, id),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown step kind."),
        };
        step.ReportUnknownProperties();
        return step.Context.Problems.Count == before ? parsed : null;
    }

    private static MessageStep Message(JsonObjectReader step, string id)
    {
        var text = step.Template("text");
        var image = step.UrlTemplate("image");
        if (!step.Has("text") && !step.Has("image"))
        {
            step.Problem("text", "a message needs a text or an image");
        }

        var buttons = ImmutableArray.CreateBuilder<MessageButton>();
        foreach (var (item, path) in step.Array("buttons", required: false, 0, MaxChoices) ?? [])
        {
            if (JsonObjectReader.Open(item, path, step.Context) is not { } button)
            {
                continue;
            }

            var label = button.String("label", required: true, maxLength: 100);
            var url = button.UrlTemplate("url");
            var next = button.Reference("next", id, required: false);
            if (button.Has("url") == button.Has("next"))
            {
                button.Problem("url", "a button needs exactly one of 'url' (a link) or 'next' (a step)");
            }

            button.ReportUnknownProperties();
            if (label is not null)
            {
                buttons.Add(new MessageButton(label, url, next, $"{id}#{buttons.Count + 1}"));
            }
        }

        return new MessageStep(id, text, image, buttons.ToImmutable(), step.Reference("next", id, required: false));
    }

    private static MenuStep Menu(JsonObjectReader step, string id)
    {
        var text = step.Template("text", required: true);
        var options = ImmutableArray.CreateBuilder<MenuOption>();
        var labels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (item, path) in step.Array("options", required: true, 1, MaxChoices) ?? [])
        {
            if (JsonObjectReader.Open(item, path, step.Context) is not { } option)
            {
                continue;
            }

            var label = option.String("label", required: true, maxLength: 100);
            var payload = option.String("payload", maxLength: MaxPayloadLength);
            var next = option.Reference("next", id, required: true);
            if (payload is not null && (payload.Length == 0 || payload.Contains('#', StringComparison.Ordinal)))
            {
                option.Problem("payload", "must be non-empty and must not contain '#' (reserved for generated payloads)");
            }
            else if (payload is not null && !step.Context.Payloads.TryAdd(payload, option.PathOf("payload")))
            {
                option.Problem("payload", $"payload '{payload}' is already used by {step.Context.Payloads[payload]}");
            }

            if (label is not null && !labels.Add(label.Trim()))
            {
                option.Problem("label", $"duplicate label '{label}' in this menu");
            }

            option.ReportUnknownProperties();
            if (label is not null && next is not null)
            {
                options.Add(new MenuOption(label, payload ?? $"{id}#{options.Count + 1}", next));
            }
        }

        return new MenuStep(id, text!, options.ToImmutable());
    }

    private static InputStep Input(JsonObjectReader step, string id)
    {
        var text = step.Template("text", required: true);
        var kindName = step.String("validate") ?? "text";
        InputKind? kind = kindName switch
        {
            "text" => InputKind.Text,
            "email" => InputKind.Email,
            "phone" => InputKind.Phone,
            _ => null,
        };
        if (kind is null)
        {
            step.Problem("validate", $"unknown validation '{kindName}' (expected text, email or phone)");
        }

        var variable = step.VariableTarget("variable", required: kind == InputKind.Text);
        Regex? pattern = null;
        if (step.String("pattern", maxLength: 500) is { } source)
        {
            if (kind != InputKind.Text)
            {
                step.Problem("pattern", "a pattern applies to 'text' inputs only");
            }

            try
            {
                pattern = new Regex(source, RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException ex)
            {
                step.Problem("pattern", $"invalid regular expression: {ex.Message}");
            }
        }

        var minLength = step.Integer("minLength", 0, 4000) ?? 1;
        var maxLength = step.Integer("maxLength", 1, 4000) ?? 1000;
        if (minLength > maxLength)
        {
            step.Problem("minLength", $"{minLength} is greater than maxLength {maxLength}");
        }

        var canFail = kind != InputKind.Text || pattern is not null || step.Has("minLength") || step.Has("maxLength");
        var onFail = step.Reference("onFail", id, required: canFail);
        return new InputStep(id, text!, kind ?? InputKind.Text, variable, pattern, minLength, maxLength,
            step.Template("retryText"), step.Integer("maxRetries", 0, 10) ?? 2, step.Reference("next", id, required: true)!, onFail);
    }

    private static ConsentStep Consent(JsonObjectReader step, string id) => new(
        id,
        step.Template("text", required: true)!,
        step.String("purpose", maxLength: 100) ?? "personal-data",
        step.String("version", required: true, maxLength: 100)!,
        step.String("yesLabel", maxLength: 100) ?? "Да, согласен / Yes",
        step.String("noLabel", maxLength: 100) ?? "Нет / No",
        step.Boolean("askAgain") ?? false,
        step.Reference("onYes", id, required: true)!,
        step.Reference("onNo", id, required: true)!);

    private static RatingStep Rating(JsonObjectReader step, string id)
    {
        var text = step.Template("text", required: true);
        var min = step.Integer("min", 0, 10) ?? 1;
        var max = step.Integer("max", 1, 10) ?? 10;
        if (min >= max)
        {
            step.Problem("max", $"must be greater than min ({min})");
        }

        var threshold = step.Integer("threshold", min, max, required: true);
        return new RatingStep(id, text!, min, max, threshold ?? max, step.Reference("onHigh", id, required: true)!,
            step.Reference("onLow", id, required: true)!, step.Boolean("handoffOnLow") ?? false, step.VariableTarget("variable"));
    }

    private static QuizStep Quiz(JsonObjectReader step, string id)
    {
        var intro = step.Template("text");
        var questions = ImmutableArray.CreateBuilder<QuizQuestion>();
        var items = step.Array("questions", required: true, 1, MaxChoices) ?? [];
        foreach (var (item, path) in items)
        {
            if (JsonObjectReader.Open(item, path, step.Context) is not { } question)
            {
                continue;
            }

            var text = question.Template("text", required: true);
            var options = ImmutableArray.CreateBuilder<string>();
            foreach (var (option, optionPath) in question.Array("options", required: true, 2, 10) ?? [])
            {
                if (option.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(option.GetString()))
                {
                    options.Add(option.GetString()!);
                }
                else
                {
                    step.Context.Problem(optionPath, $"expected a non-empty string, found {JsonObjectReader.Describe(option)}");
                }
            }

            var answer = question.Integer("answer", 1, Math.Max(1, options.Count), required: true);
            question.ReportUnknownProperties();
            if (text is not null && answer is not null)
            {
                questions.Add(new QuizQuestion(text, options.ToImmutable(), answer.Value - 1));
            }
        }

        var results = ImmutableArray.CreateBuilder<QuizResult>();
        foreach (var (item, path) in step.Array("results", required: true, 1, 21) ?? [])
        {
            if (JsonObjectReader.Open(item, path, step.Context) is not { } result)
            {
                continue;
            }

            var min = result.Integer("min", 0, items.Count, required: true);
            var max = result.Integer("max", 0, items.Count, required: true);
            var text = result.Template("text", required: true);
            if (min > max)
            {
                result.Problem("min", $"{min} is greater than max {max}");
            }

            result.ReportUnknownProperties();
            if (min is not null && max is not null && text is not null)
            {
                results.Add(new QuizResult(min.Value, max.Value, text));
            }
        }

        // Every possible score must have exactly one result text.
        for (var score = 0; score <= items.Count && results.Count > 0; score++)
        {
            var matching = results.Count(r => r.Min <= score && score <= r.Max);
            if (matching != 1)
            {
                step.Problem("results", matching == 0
                    ? $"no result covers a score of {score} (scores run from 0 to {items.Count})"
                    : $"{matching} results cover a score of {score}; ranges must not overlap");
            }
        }

        return new QuizStep(id, intro, questions.ToImmutable(), results.ToImmutable(),
            step.Template("correctText") ?? Template.Parse("✅ Верно! / Correct!"),
            step.Template("wrongText") ?? Template.Parse("❌ Неверно. Правильный ответ: / Wrong. The answer is:"),
            step.Reference("next", id, required: false));
    }

    private static HttpStep Http(JsonObjectReader step, string id)
    {
        var methodName = (step.String("method") ?? "GET").ToUpperInvariant();
        if (!HttpMethods.Contains(methodName))
        {
            step.Problem("method", $"unsupported method '{methodName}' (expected {string.Join(", ", HttpMethods)})");
        }

        var url = step.UrlTemplate("url", required: true);
        var headers = ImmutableArray.CreateBuilder<KeyValuePair<string, Template>>();
        if (step.Value("headers") is { } headersElement && JsonObjectReader.Open(headersElement, step.PathOf("headers"), step.Context) is { } headerReader)
        {
            foreach (var header in headersElement.EnumerateObject())
            {
                if (!IsToken(header.Name))
                {
                    headerReader.Problem(header.Name, $"'{header.Name}' is not a valid header name");
                }
                else if (headerReader.Template(header.Name, required: true) is { } value)
                {
                    headers.Add(new(header.Name, value));
                }
            }
        }

        JsonBodyTemplate? body = null;
        if (step.Value("body") is { } bodyElement)
        {
            if (methodName is "GET" or "DELETE")
            {
                step.Problem("body", $"a {methodName} request has no body");
            }

            var templates = ImmutableDictionary.CreateBuilder<string, Template>(StringComparer.Ordinal);
            CollectBodyTemplates(bodyElement, step.PathOf("body"), step.Context, templates);
            body = new JsonBodyTemplate(bodyElement, templates.ToImmutable());
        }

        var timeout = TimeSpan.FromSeconds(step.Integer("timeoutSeconds", 1, 30) ?? 5);
        var assign = ImmutableArray.CreateBuilder<HttpAssignment>();
        if (step.Value("assign") is { } assignElement && JsonObjectReader.Open(assignElement, step.PathOf("assign"), step.Context) is { } assignReader)
        {
            foreach (var property in assignElement.EnumerateObject())
            {
                var path = assignReader.PathOf(property.Name);
                var valid = JsonObjectReader.CheckVariableTarget(property.Name, path, step.Context);
                if (property.Value.ValueKind != JsonValueKind.String || !JsonValuePath.TryParse(property.Value.GetString()!, out var jsonPath))
                {
                    step.Context.Problem(path, $"expected a JSON path such as \"order.status\" or \"orders[0].id\", found {JsonObjectReader.Describe(property.Value)}");
                }
                else if (valid)
                {
                    assign.Add(new HttpAssignment(property.Name, jsonPath));
                }
            }
        }

        return new HttpStep(id, new HttpMethod(methodName), url!, headers.ToImmutable(), body, timeout, assign.ToImmutable(),
            step.Reference("next", id, required: true)!, step.Reference("onError", id, required: true)!);
    }

    private static ConditionStep Condition(JsonObjectReader step, string id)
    {
        var branches = ImmutableArray.CreateBuilder<ConditionBranch>();
        foreach (var (item, path) in step.Array("branches", required: true, 1, MaxChoices) ?? [])
        {
            if (JsonObjectReader.Open(item, path, step.Context) is not { } branch)
            {
                continue;
            }

            var conditions = ImmutableArray.CreateBuilder<Condition>();
            foreach (var (conditionItem, conditionPath) in branch.Array("when", required: true, 1, 10) ?? [])
            {
                if (JsonObjectReader.Open(conditionItem, conditionPath, step.Context) is { } condition && ParseCondition(condition) is { } parsed)
                {
                    conditions.Add(parsed);
                }
            }

            var next = branch.Reference("next", id, required: true);
            branch.ReportUnknownProperties();
            if (next is not null)
            {
                branches.Add(new ConditionBranch(conditions.ToImmutable(), next));
            }
        }

        return new ConditionStep(id, branches.ToImmutable(), step.Reference("else", id, required: true)!);
    }

    private static Condition? ParseCondition(JsonObjectReader condition)
    {
        var variable = condition.String("variable", required: true, maxLength: 100);
        if (variable is not null)
        {
            if (Template.IsValidPath(variable))
            {
                condition.Context.Reads.Add((condition.PathOf("variable"), variable));
            }
            else
            {
                condition.Problem("variable", $"'{variable}' is not a valid variable name");
            }
        }

        var operatorName = condition.String("operator", required: true);
        ConditionOperator? op = null;
        if (operatorName is not null)
        {
            if (Operators.TryGetValue(operatorName, out var found))
            {
                op = found;
            }
            else
            {
                condition.Problem("operator", $"unknown operator '{operatorName}' (expected {string.Join(", ", Operators.Keys)})");
            }
        }

        string? value = null;
        var needsValue = op is not (ConditionOperator.Exists or ConditionOperator.NotExists);
        if (condition.Value("value", required: needsValue && op is not null) is { } element)
        {
            if (!needsValue)
            {
                condition.Problem("value", $"'{operatorName}' takes no value");
            }
            else if (element.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                value = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
                if (op is ConditionOperator.GreaterThan or ConditionOperator.LessThan
                    && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    condition.Problem("value", $"'{operatorName}' compares numbers; '{value}' is not a number");
                }
            }
            else
            {
                condition.Problem("value", $"expected a string or a number, found {JsonObjectReader.Describe(element)}");
            }
        }

        condition.ReportUnknownProperties();
        return variable is not null && op is not null ? new Condition(variable, op.Value, value) : null;
    }

    private static void CollectBodyTemplates(JsonElement element, string path, ParseContext context, ImmutableDictionary<string, Template>.Builder templates)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    CollectBodyTemplates(property.Value, $"{path}.{property.Name}", context, templates);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CollectBodyTemplates(item, $"{path}[{index++}]", context, templates);
                }

                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (!templates.ContainsKey(text) && JsonObjectReader.ParseTemplate(text, path, context) is { } template)
                {
                    templates[text] = template;
                }

                break;
        }
    }

    private static bool IsToken(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
