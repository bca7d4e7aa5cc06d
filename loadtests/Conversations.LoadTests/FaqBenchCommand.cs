using System.Diagnostics;
using Conversations.Bot.Faq;

namespace Conversations.LoadTests;

/// <summary>
/// The <c>faq-bench</c> command: how long the FAQ matcher takes per question on a knowledge base of N entries. The
/// base is the shipped sets' entries repeated until N, each copy given its own made-up product word so the vocabulary
/// grows with N as a real catalogue's does; the questions are the sets' labelled questions, each with a copy's word
/// half of the time, so spelling correction and word families are exercised.
/// </summary>
internal static class FaqBenchCommand
{
    public static int Run(int entryCount, int rounds, int phrasings = 0)
    {
        var random = new Random(22);
        var sources = SampleKnowledgeBase.SetNames.SelectMany(SampleKnowledgeBase.LoadEntries).ToList();
        var words = Enumerable.Range(0, entryCount).Select(_ => MadeUpWord(random)).ToArray();
        var entries = Enumerable.Range(0, entryCount).Select(i =>
        {
            var source = sources[i % sources.Count];
            // --phrasings N: exactly N phrasings per entry (the source's, repeated with one more made-up word when short).
            var questions = phrasings <= 0
                ? source.Questions.Select(q => $"{q} {words[i]}")
                : Enumerable.Range(0, phrasings).Select(p => p < source.Questions.Count
                    ? $"{source.Questions[p]} {words[i]}"
                    : $"{source.Questions[p % source.Questions.Count]} {words[i]} {MadeUpWord(random)}");
            return new FaqEntry($"{source.Id}-{i}", [.. questions], source.Answer);
        }).ToList();
        var questions = SampleKnowledgeBase.SetNames
            .SelectMany(set => SampleKnowledgeBase.LoadQuestions(set).Concat(SampleKnowledgeBase.LoadQuestions(set, heldOut: true)))
            .Select(q => random.Next(2) == 0 ? q.Text : $"{q.Text} {words[random.Next(words.Length)]}")
            .ToArray();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var build = Stopwatch.StartNew();
        var matcher = new FaqMatcher(entries, FaqTuning.None, FaqLanguage.Mixed); // the issue-27 scoring (phrasing level)
        build.Stop();
        var index = GC.GetTotalMemory(forceFullCollection: true) - before;

        // One entry changed: only it is analysed again (FaqMatcher.With).
        var changed = entries[entryCount / 2] with { Questions = [.. entries[entryCount / 2].Questions.Append("one more way to ask it")] };
        var update = Stopwatch.StartNew();
        var updated = matcher.With(changed);
        update.Stop();
        GC.KeepAlive(updated);

        foreach (var question in questions)
        {
            matcher.Match(question); // warm-up: JIT and the stemmers' caches
        }

        var samples = new List<double>(questions.Length * rounds);
        var perQuestion = new double[questions.Length];
        for (var round = 0; round < rounds; round++)
        {
            for (var q = 0; q < questions.Length; q++)
            {
                var start = Stopwatch.GetTimestamp();
                matcher.Match(questions[q]);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                samples.Add(elapsed);
                perQuestion[q] += elapsed / rounds;
            }
        }

        samples.Sort();
        Console.WriteLine($"faq-bench: {entryCount} entries ({entries.Sum(e => e.Questions.Count)} variants), built in {build.Elapsed.TotalMilliseconds:0} ms, " +
            $"index {index / (1024.0 * 1024):0.0} MB (managed heap growth, the entries' own strings included), one entry changed in {update.Elapsed.TotalMilliseconds:0} ms; " +
            $"{samples.Count} matches of {questions.Length} distinct questions");
        Console.WriteLine($"per question: mean {samples.Average():0.000} ms, p50 {samples[samples.Count / 2]:0.000} ms, " +
            $"p99 {samples[(int)(samples.Count * 0.99)]:0.000} ms, max {samples[^1]:0.000} ms");
        foreach (var q in Enumerable.Range(0, questions.Length).OrderByDescending(q => perQuestion[q]).Take(3))
        {
            Console.WriteLine($"slowest: {perQuestion[q]:0.000} ms \"{questions[q]}\"");
        }

        return 0;
    }

    private static string MadeUpWord(Random random)
    {
        const string consonants = "bdfgklmnprstvz";
        const string vowels = "aeiou";
        var length = random.Next(2, 4);
        return string.Concat(Enumerable.Range(0, length).Select(_ => $"{consonants[random.Next(consonants.Length)]}{vowels[random.Next(vowels.Length)]}"))
            + random.Next(10, 99).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
