using Conversations.Bot.Faq;

namespace Conversations.LoadTests;

/// <summary>The <c>faq-eval</c> command: the FAQ matcher's figures on one of the labelled sets shipped with the bot library.</summary>
internal static class FaqEvalCommand
{
    public static int Run(string set, string part, double threshold, string? explain, string? faqFile, string? questionsFile)
    {
        if (faqFile is not null)
        {
            // A tenant's own knowledge base and labelled questions.
            IReadOnlyList<FaqEntry> own;
            using (var stream = File.OpenRead(faqFile))
            {
                own = SampleKnowledgeBase.ReadEntries(stream);
            }

            if (explain is not null)
            {
                return Explain(own, explain);
            }

            if (questionsFile is null)
            {
                Console.Error.WriteLine("faq-eval: --faq needs --questions (or --explain \"a question\").");
                return 2;
            }

            using var questionStream = File.OpenRead(questionsFile);
            Console.WriteLine(FaqEvaluation.Run(own, SampleKnowledgeBase.ReadQuestions(questionStream), threshold).ToConsoleReport());
            return 0;
        }

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
        if (explain is not null)
        {
            return Explain(entries, explain);
        }

        Console.WriteLine($"set {set}, part {part}: {entries.Count} entries");
        Console.WriteLine(FaqEvaluation.Run(entries, questions, threshold).ToConsoleReport());
        return 0;
    }

    /// <summary>Why a question matched what it matched: the terms the matcher sees and its best two entries.</summary>
    private static int Explain(IReadOnlyList<FaqEntry> entries, string question)
    {
        var matcher = new FaqMatcher(entries);
        var match = matcher.Match(question);
        Console.WriteLine($"terms: {string.Join(' ', matcher.TermsOf(question))}");
        Console.WriteLine($"best: {match.Entry?.Id ?? "none"} ({match.Confidence:0.00}), runner-up: {match.RunnerUp?.Id ?? "none"} ({match.RunnerUpConfidence:0.00})");
        return 0;
    }
}
