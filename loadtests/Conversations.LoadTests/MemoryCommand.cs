using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.Testing.Telegram;

namespace Conversations.LoadTests;

/// <summary>
/// Memory per active conversation: opens N conversations on one silo (a new Telegram customer each, answered by
/// the bot), then an operator takes every one of them, so a customer, a channel identity and a live-chat
/// conversation with its auto-release timer and reminder armed are active in memory; then reads the silo's
/// resident memory, managed heap and idle CPU (the armed timers must not cost CPU while nothing happens).
/// </summary>
internal static partial class MemoryCommand
{
    public static async Task<int> RunAsync(LoadSettings settings, int conversations, int concurrency)
    {
        Directory.CreateDirectory(settings.ResultsDirectory);
        await using var botApi = await TelegramBotApiStandIn.StartAsync(settings.StandInPort);
        await using var silo = await LoadCommand.StartSiloAsync(settings, botApi.BaseUrl);
        using var stop = new CancellationTokenSource();
        var run = new LoadRun(settings with { Customers = 1, Operators = 0 }, botApi, [silo.BaseAddress], [silo.Pid]);
        await run.SetUpAsync(stop.Token);

        // Warm up (JIT, pools), then the baseline.
        await run.OpenConversationsAsync(1_000_000_000, 2_000, concurrency, _ => { }, stop.Token);
        await WaitForRepliesAsync(run, 2_000);
        await run.TakeAllAsync(concurrency, _ => { }, stop.Token);
        var before = await SampleAsync(silo);
        Console.WriteLine($"Baseline after 2,000 conversations: RSS {before.RssMb:N0} MB, managed heap {before.HeapMb:N0} MB, {before.Activations:N0} activations");

        var clock = Stopwatch.StartNew();
        var opened = await run.OpenConversationsAsync(2_000_000_000, conversations, concurrency,
            n => Console.WriteLine($"  {n:N0} conversations opened ({n / clock.Elapsed.TotalSeconds:N0}/s)"), stop.Token);
        var openSeconds = clock.Elapsed.TotalSeconds;

        // Let the bot answer everyone, then the operator take every chat (arming its auto-release).
        await WaitForRepliesAsync(run, 2_000 + opened);
        clock.Restart();
        var sentBeforeTaking = run.BotRepliesSent();
        var taken = await run.TakeAllAsync(concurrency,
            n => Console.WriteLine($"  {n:N0} chats taken ({n / clock.Elapsed.TotalSeconds:N0}/s)"), stop.Token);
        Console.WriteLine($"  {taken:N0} chats taken, each with its auto-release armed");

        // The silo goes quiet before measuring (the "operator joined" notices go out).
        await WaitForRepliesAsync(run, sentBeforeTaking + taken);
        await Task.Delay(TimeSpan.FromSeconds(10));
        var after = await SampleAsync(silo);
        var cpuBefore = SiloProcess.CpuTime(silo.Pid);
        await Task.Delay(TimeSpan.FromSeconds(30));
        var idleCpu = (SiloProcess.CpuTime(silo.Pid) - cpuBefore).TotalSeconds / 30;
        var idle = await SampleAsync(silo);

        var per100k = 100_000.0 / opened;
        var report = new
        {
            machine = new { cores = Environment.ProcessorCount },
            durable = settings.Postgres is not null,
            conversations = opened,
            liveChatsWithReleaseArmed = taken,
            openedPerSecond = Math.Round(opened / openSeconds, 1),
            messagesSent = run.BotRepliesSent(),
            baseline = before,
            loaded = after,
            afterIdle = idle,
            rssMbPer100k = Math.Round((after.RssMb - before.RssMb) * per100k, 1),
            managedHeapMbPer100k = Math.Round((after.HeapMb - before.HeapMb) * per100k, 1),
            idleCpuCores = Math.Round(idleCpu, 3),
        };
        var json = Path.Combine(settings.ResultsDirectory, "memory-report.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"{opened:N0} conversations opened at {report.openedPerSecond:N0}/s; {report.messagesSent:N0} messages sent to customers (bot answers and 'operator joined' notices)");
        Console.WriteLine($"With them active: RSS {after.RssMb:N0} MB, managed heap {after.HeapMb:N0} MB, {after.Activations:N0} activations");
        Console.WriteLine($"Per 100k active conversations: +{report.rssMbPer100k:N0} MB RSS, +{report.managedHeapMbPer100k:N0} MB managed heap; idle CPU {idleCpu:P1} of a core");
        Console.WriteLine($"Report {json}");
        return opened == conversations && taken == opened ? 0 : 1;
    }

    private static async Task WaitForRepliesAsync(LoadRun run, int expected)
    {
        var settle = Stopwatch.StartNew();
        while (run.BotRepliesSent() < expected && settle.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(500);
        }
    }

    /// <summary>RSS from /proc; the managed heap and activations from the silo's Prometheus endpoint.</summary>
    private static async Task<MemorySample> SampleAsync(SiloProcess silo)
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        var metrics = await http.GetStringAsync("/metrics");
        return new MemorySample(SiloProcess.ResidentMegabytes(silo.Pid),
            Math.Round(Sum(metrics, "dotnet_gc_last_collection_heap_size_bytes") / 1024 / 1024, 1),
            (long)Sum(metrics, "orleans_catalog_activations"));
    }

    private static double Sum(string metrics, string name) =>
        MetricLine().Matches(metrics).Where(m => m.Groups["name"].Value == name)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)$", RegexOptions.Multiline)]
    private static partial Regex MetricLine();

    internal sealed record MemorySample(double RssMb, double HeapMb, long Activations);
}
