using System.Text.Json;

namespace Conversations.Bot.Faq;

/// <summary>The demo shop's knowledge base and its labelled questions, shipped inside this assembly.</summary>
public static class SampleKnowledgeBase
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The demo shop's entries (<c>Faq/Evaluation/shop-faq.json</c>).</summary>
    public static IReadOnlyList<FaqEntry> LoadShopEntries()
    {
        var document = Read<EntriesDocument>("shop-faq.json");
        return [.. document.Entries.Select(e => new FaqEntry(e.Id, e.Questions, e.Answer))];
    }

    /// <summary>The labelled questions for the shop (<c>Faq/Evaluation/shop-questions.json</c>); "none" becomes a null label.</summary>
    public static IReadOnlyList<LabelledQuestion> LoadShopQuestions()
    {
        var document = Read<QuestionsDocument>("shop-questions.json");
        return [.. document.Questions.Select(q => new LabelledQuestion(q.Text, q.Expected == "none" ? null : q.Expected))];
    }

    /// <summary>Reads a knowledge base in the same JSON format (<c>{"entries":[{"id","questions","answer"}]}</c>).</summary>
    public static IReadOnlyList<FaqEntry> ReadEntries(Stream json)
    {
        var document = JsonSerializer.Deserialize<EntriesDocument>(json, Json) ?? throw new JsonException("Empty knowledge base document.");
        return [.. document.Entries.Select(e => new FaqEntry(e.Id, e.Questions, e.Answer))];
    }

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
