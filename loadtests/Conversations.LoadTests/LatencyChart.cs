using ScottPlot;

namespace Conversations.LoadTests;

/// <summary>Latency against offered rate, for the platform and the bare-Kestrel ceiling, as a PNG a person can look at.</summary>
internal static class LatencyChart
{
    public static void Write(IReadOnlyList<PhaseResult> phases, IReadOnlyList<PhaseResult> ceiling, string path)
    {
        var plot = new Plot();
        Add(plot, phases, p => p.Ack.P50, "ack p50");
        Add(plot, phases, p => p.Ack.P99, "ack p99");
        Add(plot, phases.Where(p => p.BotReply is not null).ToList(), p => p.BotReply!.P99, "bot reply p99");
        Add(plot, phases.Where(p => p.OperatorScreen is not null).ToList(), p => p.OperatorScreen!.P99, "operator screen p99");
        Add(plot, ceiling, p => p.Ack.P99, "bare Kestrel p99");
        plot.Title("Conversations: latency vs offered rate");
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

        var scatter = plot.Add.Scatter(points.Select(p => (double)p.OfferedRate).ToArray(), points.Select(y).ToArray());
        scatter.LegendText = label;
    }
}
