using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Conversations.LoadTests;

/// <summary>
/// Memory per live conversation: opens N conversations on one silo (a new Telegram customer each, writing
/// <c>messagesPerChat</c> messages the bot answers), then an operator takes every one of them, so a customer, a channel
/// identity and a live-chat conversation with its auto-release timer and reminder armed are active in memory; then
/// forces a full garbage collection in the silo and reads its resident memory and managed heap, and its CPU over an
/// idle period (the armed timers must not cost CPU while nothing happens).
/// </summary>
internal static partial class MemoryCommand
{
    public static async Task<int> RunAsync(LoadSettings settings, int conversations, int messagesPerChat, TimeSpan idle, int concurrency)
    {
        Directory.CreateDirectory(settings.ResultsDirectory);
        await using var botApi = await BotApiStandInProcess.StartAsync(settings.StandInPort, settings.ResultsDirectory);
        await using var silo = await LoadCommand.StartSiloAsync(settings, botApi.BaseUrl, "memory-" + Guid.NewGuid().ToString("N")[..6], "silo.log");
        using var stop = new CancellationTokenSource();
        var run = new LoadRun(settings with { Customers = 1, Operators = 0, Rates = [] }, botApi, [silo.BaseAddress], [silo.Pid]);
        await run.SetUpAsync(stop.Token);

        // Warm up (JIT, pools) with the same chats as the measured ones, then the baseline.
        var warmUp = Math.Min(2_000, conversations);
        await run.OpenConversationsAsync(1_000_000_000, warmUp, messagesPerChat, concurrency, _ => { }, stop.Token);
        await WaitForRepliesAsync(run, warmUp * messagesPerChat);
        await run.TakeAllAsync(concurrency, _ => { }, stop.Token);
        await WaitForRepliesAsync(run, warmUp * (messagesPerChat + 1));
        var before = await SampleAfterFullGcAsync(silo);
        Console.WriteLine($"Baseline after {warmUp:N0} conversations × {messagesPerChat} messages (after a full GC): RSS {before.RssMb:N0} MB, managed heap {before.HeapMb:N0} MB, {before.Activations:N0} activations");

        var clock = Stopwatch.StartNew();
        var opened = await run.OpenConversationsAsync(2_000_000_000, conversations, messagesPerChat, concurrency,
            n => Console.WriteLine($"  {n:N0} conversations opened ({n / clock.Elapsed.TotalSeconds:N0}/s, {messagesPerChat} messages each)"), stop.Token);
        var openSeconds = clock.Elapsed.TotalSeconds;

        // Let the bot answer everyone, then the operator take every chat (arming its auto-release).
        await WaitForRepliesAsync(run, (warmUp + opened) * messagesPerChat + warmUp);
        clock.Restart();
        var sentBeforeTaking = run.BotRepliesSent();
        var taken = await run.TakeAllAsync(concurrency,
            n => Console.WriteLine($"  {n:N0} chats taken ({n / clock.Elapsed.TotalSeconds:N0}/s)"), stop.Token);
        Console.WriteLine($"  {taken:N0} chats taken, each with its auto-release armed");

        // The silo goes quiet before measuring (the "operator joined" notices go out).
        await WaitForRepliesAsync(run, sentBeforeTaking + taken);
        await Task.Delay(TimeSpan.FromSeconds(10));
        var after = await SampleAfterFullGcAsync(silo);
        Console.WriteLine($"  measuring idle CPU for {idle.TotalSeconds:N0} s...");
        var cpuBefore = CpuMeter.CpuTime(silo.Pid);
        var idleClock = Stopwatch.StartNew();
        await Task.Delay(idle);
        var idleCpu = (CpuMeter.CpuTime(silo.Pid) - cpuBefore).TotalSeconds / idleClock.Elapsed.TotalSeconds;
        var afterIdle = await SampleAfterFullGcAsync(silo);

        var per100k = 100_000.0 / opened;
        var report = new
        {
            machine = new { cores = Environment.ProcessorCount },
            durable = settings.Postgres is not null,
            conversations = opened,
            messagesPerChat,
            liveChatsWithReleaseArmed = taken,
            openedPerSecond = Math.Round(opened / openSeconds, 1),
            messagesSent = run.BotRepliesSent(),
            baseline = before,
            loaded = after,
            afterIdle,
            rssMbPer100k = Math.Round((after.RssMb - before.RssMb) * per100k, 1),
            managedHeapMbPer100k = Math.Round((after.HeapMb - before.HeapMb) * per100k, 1),
            managedHeapKbPerConversation = Math.Round((after.HeapMb - before.HeapMb) * 1024 / opened, 2),
            idleSeconds = Math.Round(idleClock.Elapsed.TotalSeconds, 0),
            idleCpuCores = Math.Round(idleCpu, 4),
        };
        var json = Path.Combine(settings.ResultsDirectory, "memory-report.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"{opened:N0} conversations opened at {report.openedPerSecond:N0}/s ({messagesPerChat} messages each); {report.messagesSent:N0} messages sent to customers (bot answers and 'operator joined' notices)");
        Console.WriteLine($"With them active, after a full GC: RSS {after.RssMb:N0} MB, managed heap {after.HeapMb:N0} MB, {after.Activations:N0} activations");
        Console.WriteLine($"Per 100k live conversations: +{report.rssMbPer100k:N0} MB RSS, +{report.managedHeapMbPer100k:N0} MB managed heap ({report.managedHeapKbPerConversation} KB each); " +
            $"idle CPU {idleCpu:P2} of a core over {idleClock.Elapsed.TotalMinutes:N1} min");
        Console.WriteLine($"Report {json}");
        return opened == conversations && taken == opened ? 0 : 1;
    }

    /// <summary>Waits until the stand-in got <paramref name="expected"/> replies, as long as they keep coming (a minute without one ends the wait).</summary>
    private static async Task WaitForRepliesAsync(LoadRun run, long expected)
    {
        var lastProgress = Stopwatch.StartNew();
        var seen = run.BotRepliesSent();
        while (run.BotRepliesSent() < expected && lastProgress.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(500);
            if (run.BotRepliesSent() > seen)
            {
                seen = run.BotRepliesSent();
                lastProgress.Restart();
            }
        }

        if (run.BotRepliesSent() < expected)
        {
            Console.WriteLine($"  only {run.BotRepliesSent():N0} of {expected:N0} replies came; measuring anyway");
        }
    }

    /// <summary>
    /// Forces a full, compacting, blocking collection in the silo, as dotnet-gcdump does (an EventPipe session asking the
    /// runtime for GCHeapCollect), then samples: otherwise the heap read would include whatever garbage the last
    /// collection left, and the figure would depend on when it ran.
    /// </summary>
    private static async Task<MemorySample> SampleAfterFullGcAsync(SiloProcess silo)
    {
        var gen2Before = (await ReadMetricsAsync(silo)).Gen2Collections;
        const long GcKeyword = 0x1, GcHeapCollectKeyword = 0x800000;
        var client = new DiagnosticsClient(silo.Pid);
        using (var session = await client.StartEventPipeSessionAsync(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword)], requestRundown: false, token: CancellationToken.None))
        {
            var reading = session.EventStream.CopyToAsync(Stream.Null); // the session stalls if its stream is not read
            var waited = Stopwatch.StartNew();
            while ((await ReadMetricsAsync(silo)).Gen2Collections <= gen2Before && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(250);
            }

            await session.StopAsync(CancellationToken.None);
            await reading;
        }

        var sample = await ReadMetricsAsync(silo);
        if (sample.Gen2Collections <= gen2Before)
        {
            Console.WriteLine("  warning: no full GC was seen in the silo; the heap figure includes garbage");
        }

        return sample;
    }

    /// <summary>RSS from /proc; the managed heap (as the last collection left it), gen2 collections and activations from the silo's Prometheus endpoint.</summary>
    private static async Task<MemorySample> ReadMetricsAsync(SiloProcess silo)
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        var metrics = await http.GetStringAsync("/metrics");
        return new MemorySample(SiloProcess.ResidentMegabytes(silo.Pid),
            Math.Round(Sum(metrics, "dotnet_gc_last_collection_heap_size_bytes") / 1024 / 1024, 1),
            (long)Sum(metrics, "orleans_catalog_activations"),
            (long)Sum(metrics, "dotnet_gc_collections_total", "gen2"));
    }

    private static double Sum(string metrics, string name, string? label = null) =>
        MetricLine().Matches(metrics).Where(m => m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_0-9]+)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)( [0-9]+)?$", RegexOptions.Multiline)]
    private static partial Regex MetricLine();

    internal sealed record MemorySample(double RssMb, double HeapMb, long Activations, long Gen2Collections);
}
