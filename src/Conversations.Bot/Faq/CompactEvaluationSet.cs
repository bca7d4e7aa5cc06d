namespace Conversations.Bot.Faq;

/// <summary>
/// An evaluation set written compactly (<c>Faq/Evaluation/helpdesk-*.txt</c>): a knowledge base of many entries
/// whose phrasings are made from a few seeds each, the held-back questions of every entry, and the out-of-scope
/// questions.
/// </summary>
/// <remarks>
/// <para>Lines: <c>%verb f | f …</c> and <c>%noun f | f …</c> are the frames a seed is asked in (<c>{}</c> stands for
/// the seed); <c>@id answer</c> starts an entry; <c>+ seed | seed …</c> are its seeds (a seed starting with <c>=</c> is
/// a noun phrase and goes into the noun frames, any other into the verb frames); <c>? q | q …</c> are its held-back
/// questions; <c>! q</c> is an out-of-scope question; <c>#</c> starts a comment.</para>
/// <para>The tuning part is the first held-back question of every entry and every other out-of-scope question; the
/// held-out part is the rest. Neither is ever a phrasing of the knowledge base.</para>
/// </remarks>
public sealed class CompactEvaluationSet
{
    private CompactEvaluationSet(IReadOnlyList<FaqEntry> entries, IReadOnlyList<LabelledQuestion> tune, IReadOnlyList<LabelledQuestion> holdout)
    {
        Entries = entries;
        Tune = tune;
        Holdout = holdout;
    }

    /// <summary>The knowledge base.</summary>
    public IReadOnlyList<FaqEntry> Entries { get; }

    /// <summary>The tuning part of the labelled questions.</summary>
    public IReadOnlyList<LabelledQuestion> Tune { get; }

    /// <summary>The held-out part of the labelled questions.</summary>
    public IReadOnlyList<LabelledQuestion> Holdout { get; }

    /// <summary>Reads a set in the compact format.</summary>
    public static CompactEvaluationSet Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string[] verbFrames = ["{}"], nounFrames = ["{}"];
        var entries = new List<FaqEntry>();
        var tune = new List<LabelledQuestion>();
        var holdout = new List<LabelledQuestion>();
        string? id = null, answer = null;
        var phrasings = new List<string>();
        var outOfScope = 0;
        var number = 0;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var rest = line.Length > 1 ? line[1..].Trim() : "";
            switch (line[0])
            {
                case '%' when rest.StartsWith("verb ", StringComparison.Ordinal):
                    verbFrames = Split(rest[5..]);
                    break;
                case '%' when rest.StartsWith("noun ", StringComparison.Ordinal):
                    nounFrames = Split(rest[5..]);
                    break;
                case '@':
                    Flush();
                    var space = rest.IndexOf(' ', StringComparison.Ordinal);
                    if (space <= 0)
                    {
                        throw new FormatException($"Line {number}: an entry needs an id and an answer.");
                    }

                    (id, answer) = (rest[..space], rest[(space + 1)..].Trim());
                    break;
                case '+':
                    foreach (var seed in Split(rest))
                    {
                        var noun = seed[0] == '=';
                        var text = noun ? seed[1..].Trim() : seed;
                        phrasings.AddRange((noun ? nounFrames : verbFrames).Select(f => f.Replace("{}", text, StringComparison.Ordinal)));
                    }

                    break;
                case '?':
                    var questions = Split(rest);
                    for (var i = 0; i < questions.Length; i++)
                    {
                        (i == 0 ? tune : holdout).Add(new LabelledQuestion(questions[i], id ?? throw new FormatException($"Line {number}: a question before any entry.")));
                    }

                    break;
                case '!':
                    (outOfScope++ % 2 == 0 ? tune : holdout).Add(new LabelledQuestion(rest, null));
                    break;
                default:
                    throw new FormatException($"Line {number}: unknown line '{line[0]}'.");
            }
        }

        Flush();
        return new CompactEvaluationSet(entries, tune, holdout);

        void Flush()
        {
            if (id is not null)
            {
                entries.Add(new FaqEntry(id, [.. phrasings.Distinct(StringComparer.Ordinal)], answer!));
            }

            phrasings.Clear();
        }
    }

    private static string[] Split(string text) =>
        text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
