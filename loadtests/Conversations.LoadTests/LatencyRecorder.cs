using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conversations.LoadTests;

/// <summary>Collects latencies (thread-safe) and reports percentiles in milliseconds.</summary>
internal sealed class LatencyRecorder
{
    private readonly ConcurrentBag<double> _samples = [];

    public int Count => _samples.Count;

    public void Record(long startTimestamp) => _samples.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public void RecordMilliseconds(double milliseconds) => _samples.Add(milliseconds);

    public LatencySummary Summarize()
    {
        var sorted = _samples.ToArray();
        Array.Sort(sorted);
        double At(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new LatencySummary(sorted.Length, Math.Round(At(0.50), 2), Math.Round(At(0.95), 2), Math.Round(At(0.99), 2),
            Math.Round(sorted.Length == 0 ? 0 : sorted[^1], 2));
    }
}

/// <summary>Latency percentiles in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    public override string ToString() => $"p50 {P50} ms, p95 {P95} ms, p99 {P99} ms, max {Max} ms ({Count} samples)";
}
