using System.Diagnostics;
using System.Text.Json;
using Conversations.Testing;
using Conversations.Testing.Telegram;

namespace Conversations.LoadTests;

/// <summary>
/// The load generator: starts (or targets) silos and a bare-Kestrel server, raises the offered rate step by step
/// against both with the same workload, verifies nothing was lost or doubled, and writes a JSON report and a chart.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(LoadSettings settings)
    {
        Directory.CreateDirectory(settings.ResultsDirectory);
        await using var botApi = await TelegramBotApiStandIn.StartAsync(settings.StandInPort);
        var spawned = new List<SiloProcess>();
        try
        {
            var targets = settings.Targets;
            var pids = settings.TargetPids;
            if (targets.Count == 0)
            {
                var silo = await StartSiloAsync(settings, botApi.BaseUrl);
                spawned.Add(silo);
                targets = [silo.BaseAddress];
                pids = [silo.Pid];
            }

            SiloProcess? bare = null;
            if (settings.MeasureCeiling)
            {
                var port = FreePorts.Next();
                bare = await SiloProcess.StartAsync(typeof(LoadCommand).Assembly.Location,
                    $"bare-server --port {port}", new Uri($"http://127.0.0.1:{port}"), new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" }, "/health",
                    Path.Combine(settings.ResultsDirectory, "bare-server.log"));
                spawned.Add(bare);
            }

            using var stop = new CancellationTokenSource();
            var run = new LoadRun(settings, botApi, targets, pids);
            await run.SetUpAsync(stop.Token);
            var operators = await run.StartOperatorsAsync(stop.Token);
            var faults = StartFaults(settings.Faults, stop.Token);

            // Warm-up (not reported): JIT, connection pools and grain activations of a fresh silo would otherwise
            // show up as the first step's latency.
            if (settings.WarmUpSeconds > 0)
            {
                var warm = await run.RunPhaseAsync(Math.Max(10, settings.Rates[0] / 2), stop.Token, TimeSpan.FromSeconds(settings.WarmUpSeconds));
                var drained = await run.WaitUntilQuietAsync(TimeSpan.FromSeconds(90), stop.Token);
                Console.WriteLine($"  warm-up: {warm.Acknowledged} messages at {warm.OfferedRate}/s (not reported); " +
                    (drained is { } took ? $"replies and operator feeds caught up {took.TotalSeconds:N0} s after it" : "still catching up after 90 s"));
            }

            var phases = new List<PhaseResult>();
            foreach (var rate in settings.Rates)
            {
                var result = await run.RunPhaseAsync(rate, stop.Token);
                phases.Add(result);
                Print(result);
                if (!result.KeptUp(settings.MaxP99))
                {
                    Console.WriteLine($"  → fell behind at {rate}/s; stopping the sweep.");
                    break;
                }
            }

            // The machine's ceiling: the same requests against a bare Kestrel endpoint, raised until it falls behind too.
            var ceiling = new List<PhaseResult>();
            if (bare is not null)
            {
                Console.WriteLine("Bare-Kestrel ceiling (same requests, same machine):");
                for (var rate = settings.Rates[0]; rate <= 102_400; rate = rate < settings.Rates[^1] ? settings.Rates.First(r => r > rate) : rate * 2)
                {
                    var bareResult = await run.RunCeilingPhaseAsync(bare.BaseAddress, rate, stop.Token);
                    ceiling.Add(bareResult);
                    Print(bareResult);
                    if (!bareResult.KeptUp(settings.MaxP99))
                    {
                        break;
                    }
                }
            }

            await faults;
            Console.WriteLine("Verifying (waiting for replies to settle)...");
            var verification = await run.VerifyAsync(TimeSpan.FromSeconds(90), stop.Token);
            Console.WriteLine($"  acknowledged {verification.Acknowledged}; bot replies {verification.BotReplies}/{verification.ExpectedBotReplies}; " +
                $"missing {verification.MissingReplies}; duplicated {verification.DuplicateReplies}" +
                (verification.StoredDuplicates is { } dup ? $"; not stored {verification.AcknowledgedMissingInDatabase}; stored twice {dup}" : "") +
                (verification.FeedsBehind is { } behind ? $"; operator feeds behind {behind}" : "") +
                (verification.AutoReleases is { } releases
                    ? $"\n  auto-release: {releases.Taken} chats taken, released once {releases.ReleasedOnce}, never {releases.NeverReleased}, more than once {releases.ReleasedMoreThanOnce}"
                    : ""));
            Console.WriteLine($"  operators answered {run.OperatorReplies} chats");
            await stop.CancelAsync();
            await Task.WhenAll(operators).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);

            var sustained = phases.Where(p => p.KeptUp(settings.MaxP99)).Select(p => p.AcceptedPerSecond).DefaultIfEmpty(0).Max();
            var bareMax = ceiling.Where(p => p.KeptUp(settings.MaxP99)).Select(p => p.AcceptedPerSecond).DefaultIfEmpty(0).Max();
            var halfRate = phases.Where(p => p.KeptUp(settings.MaxP99) && p.AcceptedPerSecond <= sustained / 2 * 1.1)
                .OrderByDescending(p => p.AcceptedPerSecond).FirstOrDefault();
            var report = new
            {
                startedAt = DateTimeOffset.UtcNow,
                machine = new { cores = Environment.ProcessorCount },
                settings = new { settings.Customers, settings.WidgetShare, settings.Operators, settings.HandoffShare, settings.Seconds, silos = targets.Count, durable = settings.Postgres is not null },
                phases,
                ceiling,
                sustainedMessagesPerSecond = sustained,
                bareKestrelMaxPerSecond = bareMax,
                shareOfCeiling = bareMax > 0 ? Math.Round(sustained / bareMax, 3) : (double?)null,
                ackAtHalfSustainedRate = halfRate is null ? null : new { halfRate.OfferedRate, halfRate.Ack },
                verification,
                takenConversations = run.TakenConversations.Count,
                tenantId = run.TenantId,
            };
            var json = Path.Combine(settings.ResultsDirectory, "load-report.json");
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            var chart = Path.Combine(settings.ResultsDirectory, "load-latency.png");
            LatencyChart.Write(phases, ceiling, chart);
            if (bareMax > 0)
            {
                Console.WriteLine($"Sustained {sustained:N0} msg/s = {sustained / bareMax:P1} of the bare-Kestrel {bareMax:N0} msg/s" +
                    (halfRate is null ? "" : $"; ack at {halfRate.OfferedRate}/s (about half): {halfRate.Ack}"));
            }
            else
            {
                Console.WriteLine(sustained > 0 ? $"Sustained {sustained:N0} msg/s (no bare-Kestrel ceiling measured)" : "No offered rate was sustained.");
            }
            Console.WriteLine($"Report {json}, chart {chart}");
            Console.WriteLine(verification.Passed ? "Verification passed." : "VERIFICATION FAILED.");
            return verification.Passed ? 0 : 1;
        }
        finally
        {
            foreach (var process in spawned)
            {
                await process.DisposeAsync();
            }
        }
    }

    /// <summary>Starts one silo of the built host (Release) for this run.</summary>
    internal static Task<SiloProcess> StartSiloAsync(LoadSettings settings, string standIn)
    {
        var port = FreePorts.Next();
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Conversations.Host/bin/Release/net10.0/Conversations.Host.dll"));
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the host first: dotnet build -c Release src/Conversations.Host ({dll} is missing).");
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Postgres"] = settings.Postgres ?? "",
            ["Orleans__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__ClusterId"] = "load-" + Guid.NewGuid().ToString("N")[..6],
            ["Channels__Telegram__ApiBaseUrl"] = standIn,
            ["Channels__Telegram__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["Platform__ApiKey"] = settings.PlatformKey,
            ["Conversations__SeedDemo"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "1",
            // One bot carries the whole load here; Telegram's ~30 msg/s per bot would be the bottleneck, not the platform.
            ["Channels__Delivery__PerAccountPerSecond"] = "100000",
            // Likewise one admin takes every chat in the memory run; the per-operator write limit is for people.
            ["Auth__WritesPerSecond"] = "100000",
            // And one address and one bot carry every visitor's and customer's traffic, which the abuse limits refuse.
            ["AbuseLimits__Enabled"] = "false",
        };
        return SiloProcess.StartAsync(dll, "", new Uri($"http://127.0.0.1:{port}"), environment, "/health/ready",
            Path.Combine(settings.ResultsDirectory, "silo.log"));
    }

    private static async Task StartFaults(IReadOnlyList<(int AtSecond, string Command)> faults, CancellationToken cancellationToken)
    {
        var start = Stopwatch.StartNew();
        foreach (var (at, command) in faults.OrderBy(f => f.AtSecond))
        {
            var wait = TimeSpan.FromSeconds(at) - start.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            Console.WriteLine($"  [fault at {start.Elapsed.TotalSeconds:0}s, {DateTime.UtcNow:HH:mm:ss.f}] {command}");
            using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { UseShellExecute = false })!;
            await process.WaitForExitAsync(cancellationToken);
        }
    }

    private static void Print(PhaseResult result) =>
        Console.WriteLine($"  {result.Target,-14} offered {result.OfferedRate,5}/s accepted {result.AcceptedPerSecond,8:N1}/s  ack {result.Ack}" +
            (result.BotReply is { } bot ? $"\n{"",16}bot reply p50 {bot.P50} ms p99 {bot.P99} ms" : "") +
            (result.OperatorScreen is { } screen ? $"; operator screen p50 {screen.P50} ms p99 {screen.P99} ms" : "") +
            (result.Errors.Count > 0 ? $"\n{"",16}errors: {string.Join(", ", result.Errors.Select(e => $"{e.Key}={e.Value}"))}" : "") +
            (result.SiloMemoryMb.Count > 0 ? $"\n{"",16}silo memory: {string.Join(", ", result.SiloMemoryMb.Select(m => $"{m.Key} {m.Value} MB"))}" : ""));
}
