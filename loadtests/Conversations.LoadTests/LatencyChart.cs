using ScottPlot;

namespace Conversations.LoadTests;

/// <summary>
/// Latency against offered rate, for the platform and the bare-Kestrel ceiling, as a PNG a person can look at.
/// Both axes are logarithmic: the platform's rates and the bare server's differ by two orders of magnitude, and so do
/// its p50 and p99.
/// </summary>
internal static class LatencyChart
{
    public static void Write(IReadOnlyList<PhaseResult> phases, IReadOnlyList<PhaseResult> ceiling, string path)
    {
        var plot = new Plot();
        Add(plot, phases, p => p.Ack.P50, "ack p50");
        Add(plot, phases, p => p.Ack.P99, "ack p99");
        Add(plot, phases.Where(p => p.BotReply is not null).ToList(), p => p.BotReply!.P99, "bot reply p99");
        Add(plot, phases.Where(p => p.OperatorScreen is not null).ToList(), p => p.OperatorScreen!.P99, "operator screen p99");
        Add(plot, ceiling, p => p.Ack.P99, "bare Kestrel ack p99");
        plot.Axes.Bottom.TickGenerator = LogTicks();
        plot.Axes.Left.TickGenerator = LogTicks();
        plot.Title("Conversations: latency vs offered rate (log scales)");
        plot.XLabel("offered messages per second");
        plot.YLabel("milliseconds");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 550);
    }

    private static void Add(Plot plot, IReadOnlyList<PhaseResult> points, Func<PhaseResult, double> y, string label)
    {
        if (points.Count == 0)
        {
            return;
        }

        var scatter = plot.Add.Scatter(
            points.Select(p => Math.Log10(Math.Max(1, p.OfferedRate))).ToArray(),
            points.Select(p => Math.Log10(Math.Max(0.1, y(p)))).ToArray());
        scatter.LegendText = label;
    }

    /// <summary>Ticks at powers of ten of a log10-transformed axis, labelled with the real values.</summary>
    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = value => Math.Pow(10, value).ToString("#,0.###", System.Globalization.CultureInfo.InvariantCulture),
    };
}
