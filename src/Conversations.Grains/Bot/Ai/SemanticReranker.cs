using System.Diagnostics;
using System.Runtime.CompilerServices;
using Conversations.Bot.Faq;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Bot.Ai;

/// <summary>
/// Semantic matching blended with the lexical score: every question variant of the knowledge base is embedded once per
/// version (in the background, under <see cref="AiOptions.IndexTimeout"/>), the customer's question once per turn under
/// <see cref="AiOptions.RerankBudget"/>. An entry's semantic score is its best variant's cosine similarity; its blended
/// confidence is <c>max(lexical, (1 − w)·lexical + w·semantic)</c> with <c>w</c> = <see cref="AiOptions.SemanticWeight"/>
/// (the lexical score of entries outside the lexical top two counts as 0). While the index is not ready, or the service
/// is slow or down, the lexical match stands as it is.
/// </summary>
public sealed partial class SemanticReranker(
    IEmbeddingGenerator<string, Embedding<float>> embeddings, AiOptions options, TimeProvider time, ILogger<SemanticReranker> logger)
{
    private readonly ConditionalWeakTable<FaqMatcher, Task<EntryVectors?>> _indexes = new();

    /// <summary>The lexical match re-ranked with meaning, or <paramref name="lexical"/> when that cannot be done in time.</summary>
    public async Task<FaqMatch> RerankAsync(FaqMatcher matcher, string question, FaqMatch lexical, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(lexical);
        var index = _indexes.GetValue(matcher, m => Task.Run(() => IndexAsync(m)));
        if (!index.IsCompletedSuccessfully || index.Result is not { } vectors)
        {
            return lexical; // the first questions after a knowledge-base change are matched lexically while it is embedded
        }

        var embedded = await EmbedAsync("embedding", [question], options.RerankBudget, cancellationToken);
        if (embedded is not [var query])
        {
            return lexical;
        }

        var w = Math.Clamp(options.SemanticWeight, 0, 1);
        var ranked = vectors.Entries
            .Select((entry, i) =>
            {
                var semantic = vectors.Variants[i].Max(v => Cosine(query, v));
                var lexicalScore = entry == lexical.Entry ? lexical.Confidence : entry == lexical.RunnerUp ? lexical.RunnerUpConfidence : 0;
                return (Entry: entry, Score: Math.Max(lexicalScore, ((1 - w) * lexicalScore) + (w * Math.Max(semantic, 0))));
            })
            .OrderByDescending(r => r.Score)
            .Take(2)
            .ToList();
        return ranked.Count switch
        {
            0 => lexical,
            1 => new FaqMatch(ranked[0].Entry, ranked[0].Score, null, 0),
            _ => new FaqMatch(ranked[0].Entry, ranked[0].Score, ranked[1].Entry, ranked[1].Score),
        };
    }

    /// <summary>The entries of <paramref name="matcher"/> most similar in meaning to <paramref name="question"/>, best first (empty when not ready).</summary>
    public async Task<IReadOnlyList<FaqEntry>> NearestAsync(FaqMatcher matcher, string question, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        var index = _indexes.GetValue(matcher, m => Task.Run(() => IndexAsync(m)));
        if (!index.IsCompletedSuccessfully || index.Result is not { } vectors
            || await EmbedAsync("embedding", [question], options.RerankBudget, cancellationToken) is not [var query])
        {
            return [];
        }

        return [.. vectors.Entries
            .Select((entry, i) => (Entry: entry, Score: vectors.Variants[i].Max(v => Cosine(query, v))))
            .OrderByDescending(r => r.Score)
            .Take(count)
            .Select(r => r.Entry)];
    }

    private async Task<EntryVectors?> IndexAsync(FaqMatcher matcher)
    {
        var entries = matcher.Entries;
        var texts = entries.SelectMany(e => e.Questions).ToList();
        var vectors = new List<float[]>(texts.Count);
        foreach (var batch in texts.Chunk(128))
        {
            if (await EmbedAsync("index", batch, options.IndexTimeout, CancellationToken.None) is not { } embedded)
            {
                return null; // tried again with the next version of the knowledge base, or after a restart
            }

            vectors.AddRange(embedded);
        }

        var at = 0;
        var variants = entries.Select(e =>
        {
            var own = vectors.Skip(at).Take(e.Questions.Count).ToArray();
            at += e.Questions.Count;
            return own.Length == 0 ? [new float[1]] : own;
        }).ToArray();
        return new EntryVectors(entries, variants);
    }

    private async Task<IReadOnlyList<float[]>?> EmbedAsync(string kind, IReadOnlyList<string> texts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await embeddings.GenerateAsync(texts, cancellationToken: linked.Token);
            AiMetrics.Called(kind, "ok", Stopwatch.GetElapsedTime(started), result.Usage?.InputTokenCount, null);
            return result.Count == texts.Count ? [.. result.Select(e => e.Vector.ToArray())] : null;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            AiMetrics.Called(kind, "timeout", Stopwatch.GetElapsedTime(started), null, null);
            LogTimedOut(logger, kind, timeout);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AiMetrics.Called(kind, "error", Stopwatch.GetElapsedTime(started), null, null);
            LogFailed(logger, kind, ex.GetType().Name);
            return null;
        }
    }

    private static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length)
        {
            return 0; // the model changed under a cached index
        }

        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return aa == 0 || bb == 0 ? 0 : dot / Math.Sqrt(aa * bb);
    }

    private sealed record EntryVectors(IReadOnlyList<FaqEntry> Entries, float[][][] Variants);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding ({Kind}) took longer than {Timeout}; the lexical match stands")]
    private static partial void LogTimedOut(ILogger logger, string kind, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding ({Kind}) failed ({ErrorType}); the lexical match stands")]
    private static partial void LogFailed(ILogger logger, string kind, string errorType);
}
