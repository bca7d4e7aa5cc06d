using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;

namespace Conversations.Bot.Text;

/// <summary>
/// Turns Russian and English text into normalised terms with Lucene's analysis components: Unicode word
/// tokenisation, lower-casing, "ё"→"е", optional stop-word removal (Snowball's Russian and English lists), Snowball
/// Russian stemming ("заказа", "заказом" → "заказ") and conservative English stemming (plurals and possessives only,
/// so "operating" stays apart from "operator"). The FAQ matcher and the handoff keyword detector share it, so a word
/// matches the same way in both.
/// </summary>
/// <remarks>Thread-safe: Lucene analyzers keep their token streams per thread.</remarks>
public static class TextNormalizer
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Lucene's Snowball Russian list treats a few words as noise that carry meaning in customer service
    // ("позовите человека", "доставка сегодня"), so they are kept as terms.
    private static readonly string[] MeaningfulWords = ["человек", "сегодня"];

    private static readonly CharArraySet StopWords = BuildStopWords();
    private static readonly NormalizeCharMap YoToYe = BuildYoMap();
    private static readonly Analyzer WithStopWords = BuildAnalyzer(removeStopWords: true);
    private static readonly Analyzer WithoutStopWords = BuildAnalyzer(removeStopWords: false);
    private static readonly Analyzer WordsOnly = Analyzer.NewAnonymous(
        (_, reader) =>
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(tokenizer, new LowerCaseFilter(Version, tokenizer));
        },
        (_, reader) => new MappingCharFilter(YoToYe, reader));

    [ThreadStatic]
    private static RussianStemmer? _russianStemmer;

    private static readonly EnglishMinimalStemmer EnglishStemmer = new();

    /// <summary>The normalised terms of <paramref name="text"/>, in order.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="removeStopWords">Drop function words ("где", "мой", "the"); keep them for keyword spotting.</param>
    public static IReadOnlyList<string> Terms(string text, bool removeStopWords = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        var analyzer = removeStopWords ? WithStopWords : WithoutStopWords;
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>
    /// Every word of <paramref name="text"/> in order, with its stem and whether it is a stop word: the same
    /// tokenising, lower-casing and stemming as <see cref="Terms"/>, for callers that look at word sequences
    /// (phrases such as "сколько стоит" are made of stop words).
    /// </summary>
    public static IReadOnlyList<NormalizedWord> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<NormalizedWord>();
        using var stream = WordsOnly.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = term.ToString();
            words.Add(new NormalizedWord(word, Stem(word), StopWords.Contains(word)));
        }

        stream.End();
        return words;
    }

    /// <summary>Whether <paramref name="word"/> (lower-case) is a stop word.</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>The stem of one lower-case word, as the analysis chain of <see cref="Terms"/> gives it.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0)
        {
            return word;
        }

        if (word.Any(c => c is >= 'а' and <= 'я'))
        {
            var stemmer = _russianStemmer ??= new RussianStemmer();
            stemmer.SetCurrent(word);
            stemmer.Stem();
            return stemmer.Current;
        }

        // EnglishPossessiveFilter, then EnglishMinimalStemFilter.
        var latin = word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal) ? word[..^2] : word;
        var chars = latin.ToCharArray();
        var length = EnglishStemmer.Stem(chars, chars.Length);
        return new string(chars, 0, length);
    }

    private static Analyzer BuildAnalyzer(bool removeStopWords) => Analyzer.NewAnonymous(
        (_, reader) =>
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            TokenStream stream = new LowerCaseFilter(Version, tokenizer);
            if (removeStopWords)
            {
                stream = new StopFilter(Version, stream, StopWords);
            }

            // Each stemmer leaves the other alphabet alone: the Russian one only knows Cyrillic suffixes,
            // the English ones only Latin plurals and possessives.
            stream = new SnowballFilter(stream, new RussianStemmer());
            stream = new EnglishPossessiveFilter(Version, stream);
            stream = new EnglishMinimalStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        },
        (_, reader) => new MappingCharFilter(YoToYe, reader));

    private static CharArraySet BuildStopWords()
    {
        var set = new CharArraySet(Version, 256, ignoreCase: true);
        set.UnionWith(RussianAnalyzer.DefaultStopSet.Concat(LoadSnowballEnglishStopWords()).Where(w => !MeaningfulWords.Contains(w)));
        return set.AsReadOnly();
    }

    /// <summary>
    /// Snowball's English list (the counterpart of the Russian one; it has "you", "my", "can", "do"), shipped inside
    /// Lucene.Net.Analysis.Common. Lucene's default English list is tuned for search and keeps those words.
    /// </summary>
    private static CharArraySet LoadSnowballEnglishStopWords()
    {
        using var reader = IOUtils.GetDecodingReader(typeof(SnowballFilter), "english_stop.txt", Encoding.UTF8);
        return WordlistLoader.GetSnowballWordSet(reader, Version);
    }

    private static NormalizeCharMap BuildYoMap()
    {
        var builder = new NormalizeCharMap.Builder();
        builder.Add("ё", "е");
        builder.Add("Ё", "Е");
        return builder.Build();
    }
}
