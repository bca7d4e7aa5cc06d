using System.Globalization;
using System.Text.Json;
using ScottPlot;

namespace Conversations.LoadTests;

/// <summary>
/// The soak: one silo under a steady open-loop load (live chats opening and auto-releasing) for a long time, its
/// /metrics sampled at a fixed interval. Each series is fitted by least squares over the last two thirds of the run;
/// a series that keeps growing (its fitted rise over that window is more than 10 % of its mean and more than the
/// series' noise floor) is flagged: a leak of memory, timers, grains, connections or queued work shows that way.
/// Writes soak-report.json (every sample, slopes, flags) and soak-series.png (the analysed window), and ends with one
/// verdict line.
/// </summary>
internal static class SoakCommand
{
    /// <summary>The series sampled: Prometheus name (summed over its labels), label filter, floor below which a rise is noise.</summary>
    private static readonly (string Name, string Series, string? Label, double Floor)[] Series =
    [
        ("working set MB", "dotnet_process_memory_working_set_bytes", null, 32 * 1024 * 1024),
        ("GC heap MB", "dotnet_gc_last_collection_heap_size_bytes", null, 16 * 1024 * 1024),
        ("gen-2 GCs/min", "dotnet_gc_collections_total", "gc_heap_generation=\"gen2\"", 2),
        ("thread pool queue", "dotnet_thread_pool_queue_length_total", null, 50),
        ("open HTTP connections", "kestrel_active_connections", null, 20),
        ("PostgreSQL connections", "db_client_connection_count", null, 5),
        ("active grains", "orleans_catalog_activations", null, 2000),
        ("timers", "dotnet_timer_count", null, 200),
        ("reminders", "orleans_reminders_active", null, 50),
        ("outbox backlog", "conversations_outbox_backlog", null, 50),
    ];

    public static async Task<int> RunAsync(LoadSettings settings, int rate, TimeSpan duration, TimeSpan interval)
    {
        Directory.CreateDirectory(settings.ResultsDirectory);
        await using var botApi = await BotApiStandInProcess.StartAsync(settings.StandInPort, settings.ResultsDirectory);
        var silos = await LoadCommand.StartSilosAsync(settings, botApi.BaseUrl);
        try
        {
            var silo = silos[0];
            using var stop = new CancellationTokenSource();
            var run = new LoadRun(settings, botApi, [silo.BaseAddress], [silo.Pid]);
            await run.SetUpAsync(stop.Token);
            var operators = await run.StartOperatorsAsync(stop.Token);
            using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var samples = new List<(double Minute, Dictionary<string, double> Values)>();
            var started = DateTimeOffset.UtcNow;
            var sampling = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(interval);
                do
                {
                    var values = Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), stop.Token));
                    var minute = (DateTimeOffset.UtcNow - started).TotalMinutes;
                    lock (samples)
                    {
                        samples.Add((minute, values));
                    }

                    Console.WriteLine($"  [{minute,6:0.0} min] " + string.Join(", ", values.Select(v => $"{v.Key.Replace("/min", " (total)", StringComparison.Ordinal)} {v.Value:#,0.#}")));
                }
                while (await timer.WaitForNextTickAsync(stop.Token));
            }, stop.Token);

            Console.WriteLine($"Soak: {rate} msgs/s for {duration.TotalMinutes:0.#} min on one silo, /metrics every {interval.TotalSeconds:0} s");
            var phase = await run.RunPhaseAsync(rate, stop.Token, duration);
            await stop.CancelAsync();
            await Task.WhenAll([sampling, .. operators]).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);

            PerMinute(samples, "gen-2 GCs/min");
            var window = samples.Where(s => s.Minute >= samples[^1].Minute / 3).ToList();
            var findings = Series.Select(s =>
            {
                var points = window.Select(w => (X: w.Minute, Y: w.Values.GetValueOrDefault(s.Name))).ToList();
                var (slope, mean) = LeastSquares(points);
                var rise = slope * (points.Count > 1 ? points[^1].X - points[0].X : 0);
                var scale = s.Name.EndsWith(" MB", StringComparison.Ordinal) ? 1024 * 1024 : 1;
                var grows = rise > s.Floor / scale && rise > 0.1 * Math.Abs(mean);
                return new { series = s.Name, slopePerMinute = Math.Round(slope, 3), riseOverWindow = Math.Round(rise, 2), mean = Math.Round(mean, 2), grows };
            }).ToList();

            var growing = findings.Where(f => f.grows).Select(f => f.series).ToList();
            var report = new
            {
                startedAt = started,
                settings = new { rate, minutes = duration.TotalMinutes, intervalSeconds = interval.TotalSeconds, settings.Customers, settings.Operators, settings.AutoReleaseMinutes },
                load = new { phase.Offered, phase.Acknowledged, ackP99Ms = phase.Ack.P99, botReplyP99Ms = phase.BotReply?.P99 },
                findings,
                samples = samples.Select(s => new { minute = Math.Round(s.Minute, 2), values = s.Values }),
                verdict = growing.Count == 0 ? "PASS" : "FAIL",
            };
            await File.WriteAllTextAsync(Path.Combine(settings.ResultsDirectory, "soak-report.json"),
                JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            Chart(window, Path.Combine(settings.ResultsDirectory, "soak-series.png"));
            foreach (var f in findings)
            {
                Console.WriteLine($"  {f.series,-24} slope {f.slopePerMinute,10:#,0.###}/min, rise {f.riseOverWindow,10:#,0.##} over the window, mean {f.mean,12:#,0.##}{(f.grows ? "  GROWS" : "")}");
            }

            Console.WriteLine(growing.Count == 0
                ? $"SOAK VERDICT: PASS (no series grows over the last {window[^1].Minute - window[0].Minute:0.#} min; acknowledged {phase.Acknowledged}/{phase.Offered})"
                : $"SOAK VERDICT: FAIL (growing: {string.Join(", ", growing)})");
            return growing.Count == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>Turns a cumulative counter into its rate per minute since the previous sample (the first sample: 0).</summary>
    private static void PerMinute(List<(double Minute, Dictionary<string, double> Values)> samples, string name)
    {
        var totals = samples.Select(s => s.Values.GetValueOrDefault(name)).ToList();
        for (var i = 0; i < samples.Count; i++)
        {
            samples[i].Values[name] = i == 0 ? 0 : Math.Max(0, totals[i] - totals[i - 1]) / Math.Max(1e-9, samples[i].Minute - samples[i - 1].Minute);
        }
    }

    /// <summary>Each sampled series from a Prometheus text exposition, summed over the samples that match its label.</summary>
    private static Dictionary<string, double> Parse(string exposition)
    {
        var values = new Dictionary<string, double>();
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            foreach (var (name, series, label, _) in Series)
            {
                if ((line.StartsWith(series + "{", StringComparison.Ordinal) || line.StartsWith(series + " ", StringComparison.Ordinal))
                    && (label is null || line.Contains(label, StringComparison.Ordinal))
                    && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    var scaled = name.EndsWith(" MB", StringComparison.Ordinal) ? value / (1024 * 1024) : value;
                    values[name] = values.GetValueOrDefault(name) + scaled;
                }
            }
        }

        return values;
    }

    private static (double Slope, double Mean) LeastSquares(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return (0, points.Count == 1 ? points[0].Y : 0);
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return (sxx == 0 ? 0 : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx, meanY);
    }

    /// <summary>
    /// Every series over the analysed window (the last two thirds of the run) as a percentage of its first sample there,
    /// against minutes: a leak is a line that keeps climbing. (The first third, from an idle silo, would dwarf it.)
    /// </summary>
    private static void Chart(List<(double Minute, Dictionary<string, double> Values)> samples, string path)
    {
        var plot = new Plot();
        foreach (var (name, _, _, _) in Series)
        {
            var first = samples.Select(s => s.Values.GetValueOrDefault(name)).FirstOrDefault(v => v > 0);
            if (first <= 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(samples.Select(s => s.Minute).ToArray(), samples.Select(s => 100 * s.Values.GetValueOrDefault(name) / first).ToArray());
            line.LegendText = name;
        }

        plot.Title("Conversations soak: each series as % of its value at the start of the analysed window");
        plot.XLabel("minutes");
        plot.YLabel("% of first sample");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 550);
    }
}
