using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Conversations.Persistence.InMemory;

/// <summary>
/// Word stems for the in-memory twin of PostgreSQL's 'russian' text search: Lucene's standard tokenizer, lower
/// case, the Russian Snowball stemmer for Cyrillic words and Porter for Latin ones (each leaves the other alphabet alone).
/// </summary>
internal static class WordForms
{
    private static readonly Analyzer Analyzer = Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        TokenStream stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, tokenizer);
        stream = new SnowballFilter(stream, new Lucene.Net.Tartarus.Snowball.Ext.RussianStemmer());
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    });

    /// <summary>The stems of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<string> Stems(string text)
    {
        var stems = new List<string>();
        using var stream = Analyzer.GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            stems.Add(term.ToString());
        }

        stream.End();
        return stems;
    }
}
