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
