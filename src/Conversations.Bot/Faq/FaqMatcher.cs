using Conversations.Bot.Text;

namespace Conversations.Bot.Faq;

/// <summary>
/// Finds the knowledge-base entry closest to a customer's question and says how sure it is, so the bot answers only
/// when it knows and offers a human otherwise.
/// </summary>
/// <remarks>
/// <para><b>Terms.</b> Question and entry texts are split into words and stemmed by <see cref="TextNormalizer"/>
/// (Snowball Russian; English plurals and possessives). Words and phrases of one synonym group of the
/// <see cref="SupportLexicon"/> (and the tenant's <see cref="FaqTuning"/>) become one term ("сколько стоит", "цена",
/// "почём"); stop-phrases and stop words are dropped. In the question only, a piece typed with the wrong keyboard
/// layout ("ghbdtn") or in Latin transliteration ("podklyuchit") is read back when that turns unknown words into known
/// ones.</para>
/// <para><b>Word families.</b> Two stems are one family when they share their first four letters or more and differ
/// only after the shorter one's last-but-one letter ("подключ"/"подключен", "deliver"/"delivery", "оплат"/"оплачива"):
/// a documented rule standing in for a derivational dictionary (no maintained Russian/English morphology package is
/// served on this machine). A family match counts 0.85, a typo correction (one edit, two from eight
/// letters, a transposition counting one) 0.8.</para>
/// <para><b>Specificity.</b> A term weighs <c>ln(1 + N/df) / ln(1 + N)</c> (N entries, df entries containing it): 1 for
/// a term of one entry, near 0.2 for a term of every entry, whatever N is, so one threshold serves 10 or 1,000
/// entries (an entry that has the term only in its answer counts half in df). Generic words ("хочу", "please") and
/// numbers weigh a third; a word no entry knows weighs 1.</para>
/// <para><b>Confidence</b> of an entry = coverage of the question's weight by the entry's terms (its answer's terms
/// count half) × (0.7 + 0.3 × coverage of the entry's closest question variant by the question, facets at full
/// weight there), × a penalty when the matched weight is below 0.5 (a question made only of common words),
/// × (1 − 0.2 r⁸) where r is the runner-up's share of the best score (two entries about as close are a guess).
/// Facet groups of the lexicon (price, time, change, free) weigh half in the question: "сколько стоит" says what is
/// asked, not about what. A question about something else that shares "сколько стоит" with a price entry keeps its
/// unknown words uncovered, so it is handed over.</para>
/// <para><b>Close entries (issue 27).</b> Built with a <see cref="FaqLanguage"/>, the matcher also scores every
/// distinct phrasing on its own (the same coverage of the question, × (0.5 + 0.5 × the phrasing's coverage by the
/// question)) and an entry's score is half the whole-entry score above and half its nearest phrasing's; English and
/// mixed tenants get the full Snowball English stemmer. Every match carries the margin between the best and the
/// second entry and the closest entries (<see cref="FaqMatch.Candidates"/>), so a <see cref="FaqPolicy"/> answers only
/// when score and margin agree and offers "did you mean" otherwise (<see cref="FaqDecision"/>);
/// <see cref="FaqCalibration"/> chooses the policy from the knowledge base by leave-one-out. Built without a language,
/// the issue-22 analysis and scores are kept.</para>
/// <para>Immutable and thread-safe once built; <see cref="With"/> and <see cref="Without"/> derive the matcher of a
/// changed knowledge base, analysing only the changed entry.</para>
/// </remarks>
public sealed class FaqMatcher
{
    /// <summary>
    /// The threshold below which the caller should not answer, chosen on the tuning parts of the isp-ru and
    /// electronics-en sets (see <see cref="FaqEvaluation"/> and the README for the figures, held-out parts included).
    /// A tenant may choose its own.
    /// </summary>
    public const double DefaultThreshold = 0.6;

    private const double FamilySimilarity = 0.85;
    private const double CorrectionSimilarity = 0.8;
    private const double AnswerFactor = 0.5;
    private const double GenericFactor = 0.33;
    private const double MinimumMass = 0.5;
    private const double UnknownWeight = 1;
    private const double VariantShare = 0.3;
    private const double FacetFactor = 0.5;
    private const double Ambiguity = 0.2;
    private const double AnswerDf = 0.5;
    private const int FamilyPrefix = 4;
    private const int CandidateCount = 5;
    private const double EntryShare = 0.5;
    private const double PhrasingShare = 0.5;

    private readonly IReadOnlyList<FaqEntry> _entries;
    private readonly FaqLanguage? _language;
    private readonly FaqTuning _tuning;
    private readonly Dictionary<string, AnalysedEntry> _analysed = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer? _englishStemmer;
    private readonly Lexicon _lexicon;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly List<double> _weights = [];

    // The same without the facet discount: on the entry's side a facet it asks about ("сменить") and the question
    // does not is a real difference ("тарифы" is not "сменить тариф").
    private readonly List<double> _entryWeights = [];
    private readonly List<List<(int Entry, double Factor)>> _postings = [];
    private readonly List<int[]> _families = [];
    private readonly Dictionary<string, List<int>> _byPrefix = new(StringComparer.Ordinal);
    private readonly int[][][] _variants;

    // Every distinct phrasing of every entry as a bag of terms (phrasings that analyse the same are one), and for each
    // term the phrasings that have it: the k nearest phrasings vote.
    private readonly List<int> _variantEntry = [];
    private readonly List<int[]> _variantTerms = [];
    private readonly List<List<int>> _variantPostings = [];
    private readonly List<string> _variantText = [];
    private readonly List<string>[] _variantTexts;

    // What a misspelt word may be corrected to: the knowledge base's stems and the lexicon's words whose group the
    // knowledge base uses, each with the term it stands for.
    private readonly List<(string Text, int Id)> _spelling = [];

    /// <summary>Builds the matcher over <paramref name="entries"/> (ids must be unique) with the built-in lexicon.</summary>
    public FaqMatcher(IEnumerable<FaqEntry> entries)
        : this(entries, FaqTuning.None)
    {
    }

    /// <summary>Builds the matcher over <paramref name="entries"/> (ids must be unique) with a tenant's own words.</summary>
    /// <remarks>Without a language the issue-22 analysis and scoring are kept (plural-only English stemming; the
    /// whole entry decides the score), so the figures the README states for them hold.</remarks>
    public FaqMatcher(IEnumerable<FaqEntry> entries, FaqTuning tuning)
        : this(entries, tuning, null, null)
    {
    }

    /// <summary>Builds the matcher over <paramref name="entries"/> (ids must be unique) with a tenant's own words,
    /// analysing words as <paramref name="language"/> says.</summary>
    /// <remarks>With a language, the issue-27 analysis and scoring: full English stemming (unless Russian), and an
    /// entry's score is half its whole-entry coverage and half its nearest phrasing's similarity.</remarks>
    public FaqMatcher(IEnumerable<FaqEntry> entries, FaqTuning tuning, FaqLanguage language)
        : this(entries, tuning, language, null)
    {
    }

    private FaqMatcher(IEnumerable<FaqEntry> entries, FaqTuning tuning, FaqLanguage? language, Dictionary<string, AnalysedEntry>? analysed)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(tuning);
        _language = language;
        _tuning = tuning;
        _entries = [.. entries];
        var duplicate = _entries.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Duplicate FAQ entry id '{duplicate.Key}'.", nameof(entries));
        }

        _lexicon = Lexicon.For(tuning);
        _variants = new int[_entries.Count][][];
        _variantTexts = new List<string>[_entries.Count];
        for (var e = 0; e < _entries.Count; e++)
        {
            // Analysis (tokenising, stemming, synonyms) is the costly part of building: an entry that did not change
            // keeps its analysed terms from the matcher this one was derived from (see With and Without).
            var entry = _entries[e];
            if (analysed is null || !analysed.TryGetValue(entry.Id, out var terms) || !ReferenceEquals(terms.Entry, entry))
            {
                terms = new AnalysedEntry(entry, [.. entry.Questions.Select(Analyse)], Analyse(entry.Answer));
            }

            _analysed[entry.Id] = terms;
            var factors = new Dictionary<int, double>();
            var variants = new List<int[]>();
            _variantTexts[e] = [];
            for (var q = 0; q < entry.Questions.Count; q++)
            {
                var ids = terms.Questions[q].Select(Intern).Distinct().ToArray();
                if (ids.Length > 0)
                {
                    variants.Add(ids);
                    _variantTexts[e].Add(entry.Questions[q]);
                }

                foreach (var id in ids)
                {
                    factors[id] = 1;
                }
            }

            // The answer counts too, at half: customers often ask in the answer's words ("рассрочка", "СБП").
            foreach (var id in terms.Answer.Select(Intern))
            {
                factors.TryAdd(id, AnswerFactor);
            }

            _variants[e] = [.. variants];
            foreach (var (id, factor) in factors)
            {
                _postings[id].Add((e, factor));
            }
        }

        var count = Math.Max(1, _entries.Count);
        var maxIdf = Math.Log(1 + count);
        for (var id = 0; id < _terms.Count; id++)
        {
            // An entry whose answer alone has the term counts half: answers repeat words such as "личный кабинет".
            var frequency = _postings[id].Sum(p => p.Factor == 1 ? 1 : AnswerDf);
            var idf = Math.Log(1 + (count / Math.Max(1, frequency)));
            _weights.Add(count == 1 ? 1 : Specificity(_terms[id], idf / maxIdf));
            _entryWeights.Add(_lexicon.IsFacet(_terms[id]) ? _weights[id] / FacetFactor : _weights[id]);
        }

        for (var e = 0; e < _entries.Count; e++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var distinct = new List<int[]>();
            for (var v = 0; v < _variants[e].Length; v++)
            {
                var variant = _variants[e][v];
                Array.Sort(variant);
                if (seen.Add(string.Join(',', variant)))
                {
                    distinct.Add(variant);
                    _variantText.Add(_variantTexts[e][v]);
                    foreach (var id in variant)
                    {
                        _variantPostings[id].Add(_variantTerms.Count);
                    }

                    _variantEntry.Add(e);
                    _variantTerms.Add(variant);
                }
            }

            _variants[e] = [.. distinct];
        }

        foreach (var (stem, term) in _lexicon.Words())
        {
            if (_ids.TryGetValue(term, out var group))
            {
                _spelling.Add((stem, group));
            }
        }

        _spelling.AddRange(_terms.Select((term, id) => (term, id)).Where(t => t.term[0] != Lexicon.GroupMark));
        for (var id = 0; id < _terms.Count; id++)
        {
            _families.Add([.. FamilyOf(_terms[id]).Where(other => other != id)]);
        }

        int Intern(string term)
        {
            if (!_ids.TryGetValue(term, out var id))
            {
                id = _terms.Count;
                _ids[term] = id;
                _terms.Add(term);
                _postings.Add([]);
                _variantPostings.Add([]);
                if (term[0] != Lexicon.GroupMark && term.Length >= FamilyPrefix)
                {
                    var prefix = term[..FamilyPrefix];
                    if (!_byPrefix.TryGetValue(prefix, out var list))
                    {
                        _byPrefix[prefix] = list = [];
                    }

                    list.Add(id);
                }
            }

            return id;
        }
    }

    /// <summary>The same knowledge base with <paramref name="entry"/> added, or replacing the entry of the same id: only
    /// that entry is analysed again; the index (weights, postings, phrasings) is rebuilt from the others' analysed
    /// terms.</summary>
    public FaqMatcher With(FaqEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var index = _entries.ToList().FindIndex(e => e.Id == entry.Id);
        IEnumerable<FaqEntry> entries = index < 0 ? [.. _entries, entry] : _entries.Select((e, i) => i == index ? entry : e);
        return new FaqMatcher(entries, _tuning, _language, _analysed);
    }

    /// <summary>The same knowledge base without the entry <paramref name="id"/> (nothing is analysed again).</summary>
    public FaqMatcher Without(string id) => new(_entries.Where(e => e.Id != id), _tuning, _language, _analysed);

    /// <summary>The knowledge base.</summary>
    public IReadOnlyList<FaqEntry> Entries => _entries;

    /// <summary>The terms the matcher sees in <paramref name="question"/> (after layout and transliteration repair,
    /// synonym groups as <c>~n</c>), for explaining a match while tuning a knowledge base.</summary>
    public IReadOnlyList<string> TermsOf(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Analyse(RepairSlips(question));
    }

    /// <summary>The entry that best answers <paramref name="question"/>, with its confidence, the runner-up, the margin
    /// between them and the closest entries as candidates (for "did you mean").</summary>
    public FaqMatch Match(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return _entries.Count == 0 ? FaqMatch.None : Rank(Analyse(RepairSlips(question)), null, -1);
    }

    /// <summary>
    /// Leave-one-out over the knowledge base, for calibration: every distinct phrasing asked against all the others
    /// but its near-copies
    /// (expected: its own entry), and up to three phrasings of every entry asked with that entry left out (expected:
    /// no entry, as a question about something the knowledge base does not cover).
    /// </summary>
    internal IEnumerable<(FaqEntry? Expected, string Text, FaqMatch Match)> LeaveOneOut()
    {
        var firstOf = new int[_entries.Count + 1];
        for (var v = _variantTerms.Count - 1; v >= 0; v--)
        {
            firstOf[_variantEntry[v]] = v;
        }

        for (var v = 0; v < _variantTerms.Count; v++)
        {
            // The phrasing and its near-copies (more than half of their terms shared) are left out together: a
            // near-copy of a question says nothing about how a fresh one is matched.
            var entry = _variantEntry[v];
            var left = new HashSet<int>();
            for (var u = firstOf[entry]; u < _variantTerms.Count && _variantEntry[u] == entry; u++)
            {
                var shared = _variantTerms[u].Intersect(_variantTerms[v]).Count();
                if (shared * 2 > _variantTerms[u].Union(_variantTerms[v]).Count())
                {
                    left.Add(u);
                }
            }

            var terms = _variantTerms[v].Select(id => _terms[id]).ToList();
            yield return (_entries[entry], _variantText[v], Rank(terms, left, -1));
        }

        for (var e = 0; e < _entries.Count; e++)
        {
            foreach (var variant in _variants[e].Take(3))
            {
                yield return (null, "", Rank([.. variant.Select(id => _terms[id])], null, e));
            }
        }
    }

    /// <summary>Scores every entry the terms touch, leaving out one phrasing or one entry (leave-one-out calibration).</summary>
    private FaqMatch Rank(IReadOnlyList<string> terms, HashSet<int>? skipVariants, int skipEntry)
    {
        if (terms.Count == 0)
        {
            return FaqMatch.None;
        }

        var covered = new double[_entries.Count];
        var touched = new List<int>();
        var hits = new Dictionary<int, double>();
        var totalWeight = 0.0;
        var perEntry = new double[_entries.Count];
        var variantCovered = new Dictionary<int, double>();
        var perVariant = new Dictionary<int, double>();
        foreach (var term in terms)
        {
            var (weight, matches) = Resolve(term);
            totalWeight += weight;
            Array.Clear(perEntry);
            perVariant.Clear();
            foreach (var (id, similarity) in matches)
            {
                hits[id] = Math.Max(hits.GetValueOrDefault(id), similarity);
                foreach (var (entry, factor) in _postings[id])
                {
                    perEntry[entry] = Math.Max(perEntry[entry], similarity * factor);
                }

                foreach (var variant in _variantPostings[id])
                {
                    perVariant[variant] = Math.Max(perVariant.GetValueOrDefault(variant), similarity);
                }
            }

            for (var e = 0; e < perEntry.Length; e++)
            {
                if (perEntry[e] > 0 && e != skipEntry)
                {
                    if (covered[e] == 0)
                    {
                        touched.Add(e);
                    }

                    covered[e] += weight * perEntry[e];
                }
            }

            foreach (var (variant, similarity) in perVariant)
            {
                variantCovered[variant] = variantCovered.GetValueOrDefault(variant) + (weight * similarity);
            }
        }

        // Each phrasing's own similarity to the question: how much of the question it covers and how much of it the
        // question covers.
        var best = new Dictionary<int, double>();
        foreach (var (variant, coveredWeight) in variantCovered)
        {
            var entry = _variantEntry[variant];
            if (entry == skipEntry || (skipVariants is not null && skipVariants.Contains(variant)))
            {
                continue;
            }

            best[entry] = Math.Max(best.GetValueOrDefault(entry), VariantSimilarity(_variantTerms[variant], coveredWeight, totalWeight, hits));
        }

        var scored = new List<(int Entry, double Score)>();
        foreach (var e in touched)
        {
            // The whole entry (its terms together) and its nearest phrasing count alike: one stray phrasing cannot
            // carry an entry alone, and an entry cannot win on words scattered over many phrasings alone.
            var nearest = best.GetValueOrDefault(e, 0);
            var entryShare = _language is null ? 1 : EntryShare;
            var score = (entryShare * Score(e, covered[e], totalWeight, hits, skipVariants)) + ((1 - entryShare) * nearest);
            if (score > 0)
            {
                scored.Add((e, score));
            }
        }

        if (scored.Count == 0)
        {
            return FaqMatch.None;
        }

        scored.Sort((a, b) => b.Score.CompareTo(a.Score));
        var (bestEntry, bestScore) = scored[0];
        var secondScore = scored.Count > 1 ? scored[1].Score : 0;

        // Two entries about as close are a guess between them: the confidence drops as the runner-up nears the best.
        var confidence = bestScore * (1 - (Ambiguity * Math.Pow(secondScore / bestScore, 8)));
        var candidates = scored.Take(CandidateCount).Select(c => new FaqCandidate(_entries[c.Entry], c.Score)).ToArray();
        return new FaqMatch(_entries[bestEntry], confidence, scored.Count > 1 ? _entries[scored[1].Entry] : null, secondScore)
        {
            Margin = (bestScore - secondScore) / bestScore,
            Candidates = candidates,
        };
    }

    private double VariantSimilarity(int[] variant, double covered, double totalWeight, Dictionary<int, double> hits)
    {
        double all = 0, hit = 0;
        foreach (var id in variant)
        {
            all += _entryWeights[id];
            hit += _entryWeights[id] * hits.GetValueOrDefault(id);
        }

        var queryCoverage = covered / totalWeight;
        var variantCoverage = all == 0 ? 0 : hit / all;
        var mass = Math.Min(1, covered / MinimumMass);
        return Math.Clamp(queryCoverage * (1 - PhrasingShare + (PhrasingShare * variantCoverage)) * mass, 0, 1);
    }

    private double Score(int entry, double covered, double totalWeight, Dictionary<int, double> hits, HashSet<int>? skipVariants)
    {
        var queryCoverage = covered / totalWeight;
        var variantCoverage = 0.0;
        foreach (var variant in _variants[entry])
        {
            if (skipVariants is not null && skipVariants.Any(v => ReferenceEquals(variant, _variantTerms[v])))
            {
                continue;
            }

            double all = 0, hit = 0;
            foreach (var id in variant)
            {
                all += _entryWeights[id];
                hit += _entryWeights[id] * hits.GetValueOrDefault(id);
            }

            variantCoverage = Math.Max(variantCoverage, all == 0 ? 0 : hit / all);
        }

        var mass = Math.Min(1, covered / MinimumMass);
        return Math.Clamp(queryCoverage * (1 - VariantShare + (VariantShare * variantCoverage)) * mass, 0, 1);
    }

    /// <summary>The question term's weight and the vocabulary terms it matches, with their similarity.</summary>
    private (double Weight, List<(int Id, double Similarity)> Matches) Resolve(string term)
    {
        var matches = new List<(int, double)>();
        if (_ids.TryGetValue(term, out var id))
        {
            matches.Add((id, 1));
            matches.AddRange(_families[id].Select(f => (f, FamilySimilarity)));
            return (_weights[id], matches);
        }

        if (term[0] == Lexicon.GroupMark)
        {
            return (1, matches);
        }

        var family = FamilyOf(term).ToList();
        if (family.Count > 0)
        {
            matches.AddRange(family.Select(f => (f, FamilySimilarity)));
            return (family.Max(f => _weights[f]), matches);
        }

        var corrected = Correct(term);
        if (corrected >= 0)
        {
            matches.Add((corrected, CorrectionSimilarity));
            matches.AddRange(_families[corrected].Select(f => (f, CorrectionSimilarity * FamilySimilarity)));
            return (_weights[corrected], matches);
        }

        return (Specificity(term, UnknownWeight), matches);
    }

    private double Specificity(string term, double weight) =>
        _lexicon.IsGeneric(term) || term.All(char.IsAsciiDigit) ? weight * GenericFactor
        : _lexicon.IsFacet(term) ? weight * FacetFactor
        : weight;

    /// <summary>Vocabulary terms of the same word family as <paramref name="term"/> (itself included when known).</summary>
    private IEnumerable<int> FamilyOf(string term)
    {
        if (term.Length < FamilyPrefix || term[0] == Lexicon.GroupMark || !_byPrefix.TryGetValue(term[..FamilyPrefix], out var candidates))
        {
            yield break;
        }

        foreach (var candidate in candidates)
        {
            var other = _terms[candidate];
            var shorter = Math.Min(other.Length, term.Length);
            var common = 0;
            while (common < shorter && other[common] == term[common])
            {
                common++;
            }

            if (common >= shorter - 1)
            {
                yield return candidate;
            }
        }
    }

    /// <summary>The vocabulary term closest to an unknown one within one edit (two from eight letters), or -1.</summary>
    /// <remarks>Optimal string alignment distance (a transposition is one edit) against the candidates that share the
    /// first letter or swap the first two: typos in the first letter are rare, and the filter keeps a 1,000-entry
    /// base well under a millisecond.</remarks>
    private int Correct(string term)
    {
        var maxEdits = term.Length >= 8 ? 2 : term.Length >= 4 ? 1 : 0;
        var best = -1;
        var bestDistance = maxEdits + 1;
        foreach (var (candidate, id) in _spelling)
        {
            if (Math.Abs(candidate.Length - term.Length) > maxEdits || candidate.Length < 2
                || !(candidate[0] == term[0] || (candidate[0] == term[1] && candidate[1] == term[0])))
            {
                continue;
            }

            var distance = Distance(term, candidate, maxEdits);
            // Among equally close terms prefer the rarer one: it says more about the question.
            if (distance < bestDistance || (distance == bestDistance && best >= 0 && _weights[id] > _weights[best]))
            {
                (best, bestDistance) = (id, distance);
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance, or <paramref name="max"/> + 1 once it is certainly larger.</summary>
    private static int Distance(string a, string b, int max)
    {
        Span<int> before = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }

    private List<string> Analyse(string text)
    {
        var terms = _lexicon.Rewrite(TextNormalizer.Words(text));
        if (_language is null or FaqLanguage.Russian)
        {
            return terms;
        }

        // Full English stemming on top of the shared analysis (which stems only plurals, for the keyword detector):
        // "cancelled", "cancelling", "cancellation" become one term. Synonym groups and generic words stay as the
        // lexicon knows them.
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            if (term.Length > 3 && term[0] != Lexicon.GroupMark && term.All(char.IsAsciiLetterLower) && !_lexicon.IsGeneric(term))
            {
                var stemmer = _englishStemmer ??= new Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer();
                stemmer.SetCurrent(term);
                stemmer.Stem();
                terms[i] = stemmer.Current;
            }
        }

        return terms;
    }

    /// <summary>
    /// Reads back the pieces of a question typed with the wrong keyboard layout or in Latin transliteration of
    /// Russian, when the reading turns words the knowledge base does not know into words it does.
    /// </summary>
    private string RepairSlips(string question)
    {
        var chunks = question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var changed = false;
        for (var i = 0; i < chunks.Length; i++)
        {
            var chunk = chunks[i];
            if (Unknown(chunk, allowTypos: false) == 0)
            {
                continue;
            }

            var candidates = new List<string>();
            if (KeyboardLayout.LooksLikeLatinSlip(chunk))
            {
                candidates.Add(KeyboardLayout.ToCyrillic(chunk));
            }

            if (KeyboardLayout.LooksLikeCyrillicSlip(chunk))
            {
                candidates.Add(KeyboardLayout.ToLatin(chunk));
            }

            var letters = chunk.Trim('.', ',', '!', '?', ';', ':');
            if (Transliteration.IsLatinWord(letters))
            {
                candidates.Add(Transliteration.ToCyrillic(letters));
            }

            var original = Unknown(chunk, allowTypos: true);
            foreach (var candidate in candidates)
            {
                if (Unknown(candidate, allowTypos: true) < original && Unknown(candidate, allowTypos: candidate != candidates[0]) == 0)
                {
                    chunks[i] = candidate;
                    changed = true;
                    break;
                }
            }
        }

        return changed ? string.Join(' ', chunks) : question;
    }

    /// <summary>How many content words of <paramref name="text"/> neither the knowledge base nor the lexicon knows.</summary>
    private int Unknown(string text, bool allowTypos)
    {
        var words = TextNormalizer.Words(text);
        var unknown = 0;
        foreach (var term in _lexicon.Rewrite(words))
        {
            var known = term[0] == Lexicon.GroupMark || _ids.ContainsKey(term) || _lexicon.IsKnownWord(term) || FamilyOf(term).Any()
                || (allowTypos && Correct(term) >= 0);
            unknown += known ? 0 : 1;
        }

        return words.Count == 0 ? 1 : unknown;
    }
}
