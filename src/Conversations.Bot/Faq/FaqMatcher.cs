using Conversations.Bot.Text;
using Lucene.Net.Util.Automaton;

namespace Conversations.Bot.Faq;

/// <summary>
/// Finds the knowledge-base entry closest to a customer's question and says how sure it is, so the bot answers only
/// when it knows and offers a human otherwise.
/// </summary>
/// <remarks>
/// <para>Both the question and every variant of every entry (its answer counts as one more variant) are normalised
/// by <see cref="TextNormalizer"/> (Lucene: tokenising, lower-casing, Snowball stop words, Snowball Russian stemming,
/// English plurals). Two TF-IDF vectors are compared by cosine: one of whole terms and one of character trigrams of
/// the terms, blended half and half. The term vector is precise; the trigram vector tolerates typos and stems that
/// differ by a letter. A question term that is not in the vocabulary is first corrected to a vocabulary term within
/// one edit (two for terms of eight letters or more; Lucene's Levenshtein automata, a transposition counts as one
/// edit), at a reduced weight.</para>
/// <para>Words that no entry knows get the highest IDF, so a question that is mostly about something else ("сколько
/// стоит билет в кино") scores low even when it shares a word with an entry: that is what lets the matcher know when
/// it does not know. The confidence is the cosine blend of the entry's closest variant, in [0, 1]; it is a
/// similarity, not a probability: <see cref="FaqEvaluation"/> shows the precision each threshold buys on a
/// labelled set.</para>
/// <para>Immutable and thread-safe once built; build a new one when the knowledge base changes.</para>
/// </remarks>
public sealed class FaqMatcher
{
    /// <summary>
    /// The threshold below which the caller should not answer, chosen from the shop evaluation set
    /// (see <see cref="FaqEvaluation"/>): there it answers with about 92% precision, answers about 58% of in-scope
    /// questions and hands over about 98% of out-of-scope ones. A tenant may choose its own.
    /// </summary>
    public const double DefaultThreshold = 0.5;

    private const double TermWeight = 0.5;
    private const double CorrectedTermFactor = 0.8;
    private const int GramLength = 3;

    private readonly IReadOnlyList<FaqEntry> _entries;
    private readonly List<Variant> _variants = [];
    private readonly Dictionary<string, double> _termIdf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _gramIdf = new(StringComparer.Ordinal);
    private readonly double _unknownIdf;
    private readonly string[] _vocabulary;

    /// <summary>Builds the matcher over <paramref name="entries"/> (ids must be unique).</summary>
    public FaqMatcher(IEnumerable<FaqEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
        var duplicate = _entries.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Duplicate FAQ entry id '{duplicate.Key}'.", nameof(entries));
        }

        var termDf = new Dictionary<string, int>(StringComparer.Ordinal);
        var gramDf = new Dictionary<string, int>(StringComparer.Ordinal);
        var analysed = new List<(int Entry, List<string> Terms)>();
        for (var i = 0; i < _entries.Count; i++)
        {
            var entryTerms = new HashSet<string>(StringComparer.Ordinal);
            // The answer is one more variant: customers often ask in the answer's words ("рассрочка", "СБП").
            foreach (var text in _entries[i].Questions.Append(_entries[i].Answer))
            {
                var terms = TextNormalizer.Terms(text).ToList();
                analysed.Add((i, terms));
                entryTerms.UnionWith(terms);
            }

            // Document frequency counts entries, not variants: a term repeated across one entry's variants is
            // that entry's signature, not noise.
            foreach (var term in entryTerms)
            {
                termDf[term] = termDf.GetValueOrDefault(term) + 1;
            }

            foreach (var gram in entryTerms.SelectMany(Grams).Distinct(StringComparer.Ordinal))
            {
                gramDf[gram] = gramDf.GetValueOrDefault(gram) + 1;
            }
        }

        var count = Math.Max(1, _entries.Count);
        _unknownIdf = Math.Log(1 + (count / 0.5));
        foreach (var (term, df) in termDf)
        {
            _termIdf[term] = Math.Log(1 + ((double)count / df));
        }

        foreach (var (gram, df) in gramDf)
        {
            _gramIdf[gram] = Math.Log(1 + ((double)count / df));
        }

        _vocabulary = [.. termDf.Keys.Order(StringComparer.Ordinal)];
        foreach (var (entry, terms) in analysed)
        {
            if (terms.Count > 0)
            {
                _variants.Add(new Variant(entry, Vector(terms.Select(t => (t, 1.0)), _termIdf), Vector(GramCounts(terms), _gramIdf)));
            }
        }
    }

    /// <summary>The knowledge base.</summary>
    public IReadOnlyList<FaqEntry> Entries => _entries;

    /// <summary>The entry that best answers <paramref name="question"/>, with its confidence and the runner-up.</summary>
    public FaqMatch Match(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var terms = TextNormalizer.Terms(question);
        if (terms.Count == 0 || _variants.Count == 0)
        {
            return FaqMatch.None;
        }

        var weighted = terms.Select(Correct).ToList();
        var termVector = Vector(weighted, _termIdf);
        // Trigrams come from the words as written: their partial overlap is the typo tolerance, not the correction.
        var gramVector = Vector(GramCounts(terms), _gramIdf);

        var best = new double[_entries.Count];
        foreach (var variant in _variants)
        {
            var score = (TermWeight * Cosine(termVector, variant.Terms)) + ((1 - TermWeight) * Cosine(gramVector, variant.Grams));
            best[variant.Entry] = Math.Max(best[variant.Entry], score);
        }

        var ranked = Enumerable.Range(0, best.Length).Where(i => best[i] > 0).OrderByDescending(i => best[i]).Take(2).ToArray();
        return ranked.Length switch
        {
            0 => FaqMatch.None,
            1 => new FaqMatch(_entries[ranked[0]], Clamp(best[ranked[0]]), null, 0),
            _ => new FaqMatch(_entries[ranked[0]], Clamp(best[ranked[0]]), _entries[ranked[1]], Clamp(best[ranked[1]])),
        };
    }

    /// <summary>A known term as is; an unknown one corrected to the closest vocabulary term, at a lower weight.</summary>
    private (string Term, double Weight) Correct(string term)
    {
        if (_termIdf.ContainsKey(term))
        {
            return (term, 1.0);
        }

        var maxEdits = term.Length >= 8 ? 2 : term.Length >= 4 ? 1 : 0;
        for (var edits = 1; edits <= maxEdits; edits++)
        {
            var automaton = new CharacterRunAutomaton(new LevenshteinAutomata(term, withTranspositions: true).ToAutomaton(edits));
            // Among equally close terms prefer the rarer one (higher IDF): it says more about the question.
            var candidate = _vocabulary.Where(v => Math.Abs(v.Length - term.Length) <= edits && automaton.Run(v))
                .OrderByDescending(v => _termIdf[v]).ThenBy(v => v, StringComparer.Ordinal).FirstOrDefault();
            if (candidate is not null)
            {
                return (candidate, CorrectedTermFactor);
            }
        }

        return (term, 1.0);
    }

    private Dictionary<string, double> Vector(IEnumerable<(string Key, double Count)> counts, Dictionary<string, double> idf)
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, count) in counts)
        {
            vector[key] = vector.GetValueOrDefault(key) + (count * idf.GetValueOrDefault(key, _unknownIdf));
        }

        var norm = Math.Sqrt(vector.Values.Sum(v => v * v));
        foreach (var key in vector.Keys.ToList())
        {
            vector[key] /= norm;
        }

        return vector;
    }

    private static double Cosine(Dictionary<string, double> query, Dictionary<string, double> variant)
    {
        var sum = 0.0;
        foreach (var (key, value) in query)
        {
            if (variant.TryGetValue(key, out var other))
            {
                sum += value * other;
            }
        }

        return sum;
    }

    private static IEnumerable<(string Gram, double Count)> GramCounts(IEnumerable<string> terms) =>
        terms.SelectMany(Grams).Select(g => (g, 1.0));

    /// <summary>Character trigrams of a term padded with boundary marks, so short terms still have grams.</summary>
    private static IEnumerable<string> Grams(string term)
    {
        var padded = $"^{term}$";
        for (var i = 0; i + GramLength <= padded.Length; i++)
        {
            yield return padded.Substring(i, GramLength);
        }
    }

    private static double Clamp(double value) => Math.Clamp(value, 0, 1);

    private sealed record Variant(int Entry, Dictionary<string, double> Terms, Dictionary<string, double> Grams);
}
