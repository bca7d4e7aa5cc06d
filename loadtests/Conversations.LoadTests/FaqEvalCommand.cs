using Conversations.Bot.Faq;

namespace Conversations.LoadTests;

/// <summary>The <c>faq-eval</c> command: the FAQ matcher's figures on one of the labelled sets shipped with the bot library.</summary>
internal static class FaqEvalCommand
{
    public static int Run(string set, string part, double threshold, string? explain, string? faqFile, string? questionsFile,
        string? language = null, string policy = "default", double targetPrecision = FaqCalibration.DefaultTargetPrecision, bool suggest = true)
    {
        if (language is not null and not ("en" or "ru" or "mixed"))
        {
            Console.Error.WriteLine("faq-eval: --language must be en, ru or mixed.");
            return 2;
        }

        if (policy is not ("default" or "calibrated"))
        {
            Console.Error.WriteLine("faq-eval: --policy must be default or calibrated.");
            return 2;
        }

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
            Evaluate(own, SampleKnowledgeBase.ReadQuestions(questionStream), threshold, LanguageOf(language, faqFile), policy, targetPrecision, suggest);
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

        Console.WriteLine($"set {set}, part {part}: {entries.Count} entries, {entries.Sum(e => e.Questions.Count)} phrasings");
        Evaluate(entries, questions, threshold, LanguageOf(language, set), policy, targetPrecision, suggest);
        return 0;
    }

    /// <summary>The threshold sweep, and the figures of a policy with "did you mean": the default one at
    /// <paramref name="threshold"/>, or the one calibrated from the knowledge base (with its curve and confusable pairs).</summary>
    private static void Evaluate(IReadOnlyList<FaqEntry> entries, IReadOnlyList<LabelledQuestion> questions, double threshold,
        FaqLanguage language, string policyName, double targetPrecision, bool suggest)
    {
        var matcher = new FaqMatcher(entries, FaqTuning.None, language);
        var policy = FaqPolicy.Default with { Threshold = threshold };
        if (policyName == "calibrated")
        {
            var calibration = FaqCalibration.Calibrate(matcher, targetPrecision);
            policy = calibration.Policy;
            Console.WriteLine($"calibrated for {targetPrecision:P0} precision (leave-one-out over the knowledge base): threshold {policy.Threshold:0.000}, " +
                $"margin {policy.Margin:0.00}, suggest from {policy.SuggestFloor:0.000}; expected precision {calibration.ExpectedPrecision:P1}, " +
                $"coverage {calibration.ExpectedCoverage:P1}, answered {calibration.ExpectedAnsweredShare:P1}");
            Console.WriteLine("curve (threshold: precision / coverage / answered): " + string.Join("; ",
                calibration.Curve.Where((_, i) => i % 4 == 0).Select(p => $"{p.Threshold:0.00}: {p.Precision:P0} / {p.Coverage:P0} / {p.AnsweredShare:P0}")));
            foreach (var pair in calibration.ConfusablePairs.Take(5))
            {
                Console.WriteLine($"confusable: {pair.First} / {pair.Second} ({pair.Count} phrasings), e.g. \"{pair.Phrasings[0].Text}\" ({pair.Phrasings[0].EntryId}) went to {pair.Phrasings[0].MatchedId}");
            }
        }

        Console.WriteLine(FaqEvaluation.Run(matcher, questions, policy with { Disambiguate = suggest }).ToConsoleReport());
    }

    private static FaqLanguage LanguageOf(string? language, string name) => language switch
    {
        "en" => FaqLanguage.English,
        "ru" => FaqLanguage.Russian,
        "mixed" => FaqLanguage.Mixed,
        _ when name.EndsWith("-en", StringComparison.Ordinal) => FaqLanguage.English,
        _ when name.EndsWith("-ru", StringComparison.Ordinal) => FaqLanguage.Russian,
        _ => FaqLanguage.Mixed,
    };

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
