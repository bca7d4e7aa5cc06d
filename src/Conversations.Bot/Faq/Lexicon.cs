using Conversations.Bot.Text;

namespace Conversations.Bot.Faq;

/// <summary>
/// Synonym groups and stop-phrases compiled to stems: rewrites a word sequence into terms where every member of a
/// group becomes the group's one term (longest phrase first) and stop-phrases disappear.
/// </summary>
internal sealed class Lexicon
{
    /// <summary>Prefix of a group's term; no stem starts with it.</summary>
    public const char GroupMark = '~';

    private static readonly Lazy<Lexicon> BuiltIn = new(() => new Lexicon(FaqTuning.None));

    // By the stem of a phrase's first word: the phrases starting with it, longest first.
    private readonly Dictionary<string, List<(string[] Stems, string? Term)>> _phrases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _generic;
    private readonly HashSet<string> _facets = new(StringComparer.Ordinal);

    private Lexicon(FaqTuning tuning)
    {
        var group = 0;
        // The tenant's groups first: the first group to claim a phrase keeps it.
        foreach (var members in tuning.Synonyms.Concat(SupportLexicon.Synonyms.Select(line => (IReadOnlyList<string>)line.Split(','))))
        {
            var term = $"{GroupMark}{group++}";
            if (members.Count > 0 && members[0].StartsWith('*'))
            {
                _facets.Add(term);
            }

            foreach (var member in members.Select(m => m.TrimStart('*')))
            {
                Add(member, term);
            }
        }

        foreach (var phrase in tuning.StopPhrases)
        {
            Add(phrase, null);
        }

        foreach (var list in _phrases.Values)
        {
            list.Sort((a, b) => b.Stems.Length.CompareTo(a.Stems.Length));
        }

        _generic = [.. SupportLexicon.GenericWords.Select(TextNormalizer.Stem)];
    }

    /// <summary>The lexicon for <paramref name="tuning"/> (the built-in one is compiled once).</summary>
    public static Lexicon For(FaqTuning? tuning) =>
        tuning is null || (tuning.Synonyms.Count == 0 && tuning.StopPhrases.Count == 0) ? BuiltIn.Value : new Lexicon(tuning);

    /// <summary>Whether <paramref name="term"/> says little about which entry is meant.</summary>
    public bool IsGeneric(string term) => _generic.Contains(term);

    /// <summary>Whether <paramref name="term"/> is a facet group's term (price, time, change, free).</summary>
    public bool IsFacet(string term) => _facets.Contains(term);

    /// <summary>Whether <paramref name="stem"/> is a one-word member of a group.</summary>
    public bool IsKnownWord(string stem) =>
        _phrases.TryGetValue(stem, out var list) && list.Any(p => p.Stems.Length == 1 && p.Term is not null);

    /// <summary>The one-word members of the groups: their stem and the group's term (for spelling correction).</summary>
    public IEnumerable<(string Stem, string Term)> Words() =>
        _phrases.Values.SelectMany(list => list).Where(p => p.Stems.Length == 1 && p.Term is not null).Select(p => (p.Stems[0], p.Term!));

    /// <summary>The content terms of <paramref name="words"/>: groups joined, stop-phrases and stop words dropped.</summary>
    public List<string> Rewrite(IReadOnlyList<NormalizedWord> words)
    {
        var terms = new List<string>(words.Count);
        var i = 0;
        while (i < words.Count)
        {
            var matched = false;
            if (_phrases.TryGetValue(words[i].Stem, out var candidates))
            {
                foreach (var (stems, term) in candidates)
                {
                    if (Matches(words, i, stems))
                    {
                        if (term is not null)
                        {
                            terms.Add(term);
                        }

                        i += stems.Length;
                        matched = true;
                        break;
                    }
                }
            }

            if (!matched)
            {
                if (!words[i].IsStopWord)
                {
                    terms.Add(words[i].Stem);
                }

                i++;
            }
        }

        return terms;
    }

    private static bool Matches(IReadOnlyList<NormalizedWord> words, int start, string[] stems)
    {
        if (start + stems.Length > words.Count)
        {
            return false;
        }

        for (var k = 0; k < stems.Length; k++)
        {
            if (!string.Equals(words[start + k].Stem, stems[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private void Add(string member, string? term)
    {
        var stems = TextNormalizer.Words(member).Select(w => w.Stem).ToArray();
        if (stems.Length == 0 || (_phrases.TryGetValue(stems[0], out var existing) && existing.Any(p => p.Stems.SequenceEqual(stems))))
        {
            return;
        }

        if (existing is null)
        {
            _phrases[stems[0]] = existing = [];
        }

        existing.Add((stems, term));
    }
}
