using Conversations.Bot.Faq;

namespace Conversations.LoadTests;

/// <summary>The <c>faq-eval</c> command: the FAQ matcher's figures on one of the labelled sets shipped with the bot library.</summary>
internal static class FaqEvalCommand
{
    public static int Run(string set, string part, double threshold)
    {
        if (!SampleKnowledgeBase.SetNames.Contains(set, StringComparer.Ordinal))
        {
            Console.Error.WriteLine($"faq-eval: --set must be one of {string.Join(", ", SampleKnowledgeBase.SetNames)}.");
            return 2;
        }

        IReadOnlyList<LabelledQuestion> questions = part switch
        {
            "tune" => SampleKnowledgeBase.LoadQuestions(set),
            "holdout" => SampleKnowledgeBase.LoadQuestions(set, heldOut: true),
            "all" => [.. SampleKnowledgeBase.LoadQuestions(set), .. SampleKnowledgeBase.LoadQuestions(set, heldOut: true)],
            _ => [],
        };
        if (questions.Count == 0)
        {
            Console.Error.WriteLine($"faq-eval: --part must be tune, holdout or all, and the set '{set}' must have that part.");
            return 2;
        }

        var entries = SampleKnowledgeBase.LoadEntries(set);
        Console.WriteLine($"set {set}, part {part}: {entries.Count} entries");
        Console.WriteLine(FaqEvaluation.Run(entries, questions, threshold).ToConsoleReport());
        return 0;
    }
}
