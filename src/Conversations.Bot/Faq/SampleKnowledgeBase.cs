using System.Text.Json;

namespace Conversations.Bot.Faq;

/// <summary>The demo shop's knowledge base and the evaluation sets with their labelled questions, shipped inside this assembly.</summary>
public static class SampleKnowledgeBase
{
    /// <summary>The evaluation sets: each has <c>{name}-faq.json</c>, <c>{name}-questions.json</c> (tuned on) and,
    /// except the shop, <c>{name}-holdout.json</c> (never tuned on); the helpdesk sets (issue 27: 151 close entries of
    /// four businesses) are one compact file each, <c>{name}.txt</c> (see <see cref="CompactEvaluationSet"/>).</summary>
    public static IReadOnlyList<string> SetNames { get; } = ["shop", "isp-ru", "electronics-en", "helpdesk-en", "helpdesk-ru"];

    /// <summary>The entries of the evaluation set <paramref name="set"/> (one of <see cref="SetNames"/>).</summary>
    public static IReadOnlyList<FaqEntry> LoadEntries(string set)
    {
        if (Compact(set) is { } compact)
        {
            return compact.Entries;
        }

        var document = Read<EntriesDocument>($"{Known(set)}-faq.json");
        return [.. document.Entries.Select(e => new FaqEntry(e.Id, e.Questions, e.Answer))];
    }

    /// <summary>The labelled questions of <paramref name="set"/>: the tuning part, or the held-out part when
    /// <paramref name="heldOut"/> (empty for a set without one).</summary>
    public static IReadOnlyList<LabelledQuestion> LoadQuestions(string set, bool heldOut = false)
    {
        if (Compact(set) is { } compact)
        {
            return heldOut ? compact.Holdout : compact.Tune;
        }

        var name = $"{Known(set)}-{(heldOut ? "holdout" : "questions")}.json";
        if (typeof(SampleKnowledgeBase).Assembly.GetManifestResourceInfo($"Conversations.Bot.Faq.Evaluation.{name}") is null)
        {
            return [];
        }

        var document = Read<QuestionsDocument>(name);
        return [.. document.Questions.Select(q => new LabelledQuestion(q.Text, q.Expected == "none" ? null : q.Expected))];
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The demo shop's entries (<c>Faq/Evaluation/shop-faq.json</c>).</summary>
    public static IReadOnlyList<FaqEntry> LoadShopEntries()
    {
        return LoadEntries("shop");
    }

    /// <summary>The labelled questions for the shop (<c>Faq/Evaluation/shop-questions.json</c>); "none" becomes a null label.</summary>
    public static IReadOnlyList<LabelledQuestion> LoadShopQuestions()
    {
        return LoadQuestions("shop");
    }

    /// <summary>Reads a knowledge base in the same JSON format (<c>{"entries":[{"id","questions","answer"}]}</c>).</summary>
    public static IReadOnlyList<FaqEntry> ReadEntries(Stream json)
    {
        var document = JsonSerializer.Deserialize<EntriesDocument>(json, Json) ?? throw new JsonException("Empty knowledge base document.");
        return [.. document.Entries.Select(e => new FaqEntry(e.Id, e.Questions, e.Answer))];
    }

    /// <summary>Reads labelled questions in the same format (<c>{"questions":[{"text","expected"}]}</c>, "none" for out of scope).</summary>
    public static IReadOnlyList<LabelledQuestion> ReadQuestions(Stream json)
    {
        var document = JsonSerializer.Deserialize<QuestionsDocument>(json, Json) ?? throw new JsonException("Empty questions document.");
        return [.. document.Questions.Select(q => new LabelledQuestion(q.Text, q.Expected == "none" ? null : q.Expected))];
    }

    private static string Known(string set) => SetNames.Contains(set, StringComparer.Ordinal)
        ? set
        : throw new ArgumentException($"Unknown evaluation set '{set}'; the sets are {string.Join(", ", SetNames)}.", nameof(set));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CompactEvaluationSet?> CompactSets = new(StringComparer.Ordinal);

    private static CompactEvaluationSet? Compact(string set) => CompactSets.GetOrAdd(Known(set), name =>
    {
        using var stream = typeof(SampleKnowledgeBase).Assembly.GetManifestResourceStream($"Conversations.Bot.Faq.Evaluation.{name}.txt");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return CompactEvaluationSet.Parse(reader);
    });

    private static T Read<T>(string name)
    {
        using var stream = typeof(SampleKnowledgeBase).Assembly.GetManifestResourceStream($"Conversations.Bot.Faq.Evaluation.{name}")
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new JsonException($"{name} is empty.");
    }

    private sealed record EntriesDocument(IReadOnlyList<EntryDocument> Entries);

    private sealed record EntryDocument(string Id, IReadOnlyList<string> Questions, string Answer);

    private sealed record QuestionsDocument(IReadOnlyList<QuestionDocument> Questions);

    private sealed record QuestionDocument(string Text, string Expected);
}
