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
/// <para>Immutable and thread-safe once built; build a new one when the knowledge base changes.</para>
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

    private readonly IReadOnlyList<FaqEntry> _entries;
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

    // What a misspelt word may be corrected to: the knowledge base's stems and the lexicon's words whose group the
    // knowledge base uses, each with the term it stands for.
    private readonly List<(string Text, int Id)> _spelling = [];

    /// <summary>Builds the matcher over <paramref name="entries"/> (ids must be unique) with the built-in lexicon.</summary>
    public FaqMatcher(IEnumerable<FaqEntry> entries)
        : this(entries, FaqTuning.None)
    {
    }

    /// <summary>Builds the matcher over <paramref name="entries"/> (ids must be unique) with a tenant's own words.</summary>
    public FaqMatcher(IEnumerable<FaqEntry> entries, FaqTuning tuning)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(tuning);
        _entries = [.. entries];
        var duplicate = _entries.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Duplicate FAQ entry id '{duplicate.Key}'.", nameof(entries));
        }

        _lexicon = Lexicon.For(tuning);
        _variants = new int[_entries.Count][][];
        var df = new List<int>();
        for (var e = 0; e < _entries.Count; e++)
        {
            var factors = new Dictionary<int, double>();
            var variants = new List<int[]>();
            foreach (var question in _entries[e].Questions)
            {
                var ids = Analyse(question).Select(Intern).Distinct().ToArray();
                if (ids.Length > 0)
                {
                    variants.Add(ids);
                }

                foreach (var id in ids)
                {
                    factors[id] = 1;
                }
            }

            // The answer counts too, at half: customers often ask in the answer's words ("рассрочка", "СБП").
            foreach (var id in Analyse(_entries[e].Answer).Select(Intern))
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

    /// <summary>The knowledge base.</summary>
    public IReadOnlyList<FaqEntry> Entries => _entries;

    /// <summary>The terms the matcher sees in <paramref name="question"/> (after layout and transliteration repair,
    /// synonym groups as <c>~n</c>), for explaining a match while tuning a knowledge base.</summary>
    public IReadOnlyList<string> TermsOf(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Analyse(RepairSlips(question));
    }

    /// <summary>The entry that best answers <paramref name="question"/>, with its confidence and the runner-up.</summary>
    public FaqMatch Match(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (_entries.Count == 0)
        {
            return FaqMatch.None;
        }

        var terms = Analyse(RepairSlips(question));
        if (terms.Count == 0)
        {
            return FaqMatch.None;
        }

        var covered = new double[_entries.Count];
        var touched = new List<int>();
        var hits = new Dictionary<int, double>();
        var totalWeight = 0.0;
        var perEntry = new double[_entries.Count];
        foreach (var term in terms)
        {
            var (weight, matches) = Resolve(term);
            totalWeight += weight;
            Array.Clear(perEntry);
            foreach (var (id, similarity) in matches)
            {
                hits[id] = Math.Max(hits.GetValueOrDefault(id), similarity);
                foreach (var (entry, factor) in _postings[id])
                {
                    perEntry[entry] = Math.Max(perEntry[entry], similarity * factor);
                }
            }

            for (var e = 0; e < perEntry.Length; e++)
            {
                if (perEntry[e] > 0)
                {
                    if (covered[e] == 0)
                    {
                        touched.Add(e);
                    }

                    covered[e] += weight * perEntry[e];
                }
            }
        }

        int best = -1, second = -1;
        double bestScore = 0, secondScore = 0;
        foreach (var e in touched)
        {
            var score = Score(e, covered[e], totalWeight, hits);
            if (score > bestScore)
            {
                (second, secondScore) = (best, bestScore);
                (best, bestScore) = (e, score);
            }
            else if (score > secondScore)
            {
                (second, secondScore) = (e, score);
            }
        }

        if (best < 0)
        {
            return FaqMatch.None;
        }

        // Two entries about as close are a guess between them: the confidence drops as the runner-up nears the best.
        var confidence = bestScore * (1 - (Ambiguity * Math.Pow(secondScore / bestScore, 8)));
        return new FaqMatch(_entries[best], confidence, second < 0 ? null : _entries[second], second < 0 ? 0 : secondScore);
    }

    private double Score(int entry, double covered, double totalWeight, Dictionary<int, double> hits)
    {
        var queryCoverage = covered / totalWeight;
        var variantCoverage = 0.0;
        foreach (var variant in _variants[entry])
        {
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

    private List<string> Analyse(string text) => _lexicon.Rewrite(TextNormalizer.Words(text));

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
