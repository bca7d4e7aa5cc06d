using System.Diagnostics;
using System.Text.Json;
using Conversations.Testing;

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
        await using var botApi = await BotApiStandInProcess.StartAsync(settings.StandInPort, settings.ResultsDirectory);
        var spawned = new List<SiloProcess>();
        try
        {
            var targets = settings.Targets;
            var pids = settings.TargetPids;
            if (targets.Count == 0)
            {
                var silos = await StartSilosAsync(settings, botApi.BaseUrl);
                spawned.AddRange(silos);
                targets = [.. silos.Select(s => s.BaseAddress)];
                pids = [.. silos.Select(s => s.Pid)];
            }

            using var stop = new CancellationTokenSource();
            var run = new LoadRun(settings, botApi, targets, pids);
            await run.SetUpAsync(stop.Token);
            SiloProcess? bare = null;
            if (settings.MeasureCeiling)
            {
                bare = await StartBareServerAsync(settings, run);
                spawned.Add(bare);
            }

            var operators = await run.StartOperatorsAsync(stop.Token);
            var faults = StartFaults(settings.Faults, stop.Token);

            // Warm-up (not reported): JIT, connection pools and grain activations of a fresh silo would otherwise
            // show up as the first step's latency.
            if (settings.WarmUpSeconds > 0)
            {
                var warm = await run.RunPhaseAsync(Math.Max(10, settings.Rates[0] / 2), stop.Token, TimeSpan.FromSeconds(settings.WarmUpSeconds));
                var drained = await run.WaitUntilQuietAsync(TimeSpan.FromSeconds(90), stop.Token);
                Console.WriteLine($"  warm-up: {warm.Acknowledged} messages at {warm.OfferedRate}/s (not reported); " +
                    (drained is { } took ? $"replies and operator feeds caught up {took.TotalSeconds:N1} s after it" : "still catching up after 90 s"));
            }

            var phases = new List<PhaseResult>();
            foreach (var rate in settings.Rates)
            {
                var result = await run.RunPhaseAsync(rate, stop.Token);
                // Drain between steps: the next step starts without this one's backlog (and the time it took is shown).
                var drained = await run.WaitUntilQuietAsync(TimeSpan.FromSeconds(90), stop.Token);
                result = result with { DrainSeconds = drained is { } took ? Math.Round(took.TotalSeconds, 1) : null };
                phases.Add(result);
                Print(result, settings);
                if (!result.KeptUp(settings.MaxP99) || drained is null)
                {
                    Console.WriteLine($"  → fell behind at {rate}/s{(drained is null ? " (not drained after 90 s)" : "")}; stopping the sweep.");
                    break;
                }
            }

            var sustainedPhase = phases.Where(p => p.KeptUp(settings.MaxP99)).MaxBy(p => p.AcceptedPerSecond);
            if (settings.Profile && sustainedPhase is not null)
            {
                await ProfileAsync(settings, run, pids, sustainedPhase.OfferedRate, stop.Token);
            }

            // The store ceiling: what PostgreSQL takes of the rows a turn writes, on this machine, now.
            StoreCeiling? store = null;
            if (settings.Postgres is { } postgres && settings.StoreCeilingWriters > 0)
            {
                store = await StoreBenchmark.TurnCeilingAsync(postgres, settings.StoreCeilingWriters, TimeSpan.FromSeconds(settings.Seconds), settings.StoreCommitsPerTurn);
                Console.WriteLine($"Store ceiling ({store.Writers} writers, {store.CommitsPerTurn} commit(s) per turn, group commit): {store.TurnsPerSecond:N0} turns/s; turn {store.TurnLatency}");
            }

            // The machine's ceiling: the same requests against the bare webhook, raised until it falls behind too.
            var ceiling = new List<PhaseResult>();
            if (bare is not null)
            {
                Console.WriteLine("Bare-webhook ceiling (same requests, secret check and Update deserialization, same machine):");
                if (settings.WarmUpSeconds > 0)
                {
                    // Warmed up like the silos: a cold JIT would lower the ceiling, and so flatter the platform's share of it.
                    await run.RunCeilingPhaseAsync(bare.BaseAddress, bare.Pid, Math.Max(10, settings.Rates[0] / 2), stop.Token, TimeSpan.FromSeconds(settings.WarmUpSeconds));
                }

                for (var rate = settings.Rates[0]; rate <= settings.CeilingMaxRate; rate = rate < settings.Rates[^1] ? settings.Rates.First(r => r > rate) : rate * 2)
                {
                    var bareResult = await run.RunCeilingPhaseAsync(bare.BaseAddress, bare.Pid, rate, stop.Token);
                    ceiling.Add(bareResult);
                    Print(bareResult, settings);
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
            Console.WriteLine($"  operators answered {run.OperatorReplies} chats; acknowledged by channel: {run.AcknowledgedByChannel()}");
            if (settings.WhatsAppShare > 0)
            {
                var (posts, carried) = run.WhatsAppBatches;
                Console.WriteLine($"  WhatsApp webhooks: {carried} messages in {posts} signed POSTs ({(posts == 0 ? 0 : (double)carried / posts):N2} a batch)");
            }

            if (settings.AcksFile is { } acksFile)
            {
                run.WriteAcks(acksFile);
                Console.WriteLine($"  acknowledged messages written to {acksFile}");
            }
            await stop.CancelAsync();
            await Task.WhenAll(operators).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);

            var sustained = sustainedPhase?.AcceptedPerSecond ?? 0;
            var bareMax = ceiling.Where(p => p.KeptUp(settings.MaxP99)).Select(p => p.AcceptedPerSecond).DefaultIfEmpty(0).Max();
            var halfRate = phases.Where(p => p.KeptUp(settings.MaxP99) && p.AcceptedPerSecond <= sustained / 2 * 1.1)
                .OrderByDescending(p => p.AcceptedPerSecond).FirstOrDefault();
            var report = new
            {
                startedAt = DateTimeOffset.UtcNow,
                machine = new { cores = Environment.ProcessorCount },
                settings = new
                {
                    settings.Customers, settings.WidgetShare, settings.WhatsAppShare, settings.Operators, settings.HandoffShare, settings.Seconds, silos = targets.Count,
                    durable = settings.Postgres is not null, replyLimitMs = settings.ReplyLimit.TotalMilliseconds, ackP99LimitMs = settings.MaxP99.TotalMilliseconds,
                },
                phases,
                ceiling,
                storeCeiling = store,
                sustainedMessagesPerSecond = sustained,
                bareWebhookMaxPerSecond = bareMax,
                shareOfCeiling = bareMax > 0 ? Math.Round(sustained / bareMax, 3) : (double?)null,
                shareOfStoreCeiling = store is { TurnsPerSecond: > 0 } ? Math.Round(sustained / store.TurnsPerSecond, 3) : (double?)null,
                ackAtHalfSustainedRate = halfRate is null ? null : new { halfRate.OfferedRate, halfRate.Ack },
                verification,
                whatsAppWebhooks = settings.WhatsAppShare > 0 ? new { posts = run.WhatsAppBatches.Posts, messages = run.WhatsAppBatches.Messages } : null,
                takenConversations = run.TakenConversations.Count,
                tenantId = run.TenantId,
            };
            var json = Path.Combine(settings.ResultsDirectory, "load-report.json");
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            var chart = Path.Combine(settings.ResultsDirectory, "load-latency.png");
            LatencyChart.Write(phases, ceiling, chart);
            Console.WriteLine(sustained > 0
                ? $"Sustained {sustained:N0} msg/s" +
                    (bareMax > 0 ? $" = {sustained / bareMax:P1} of the bare webhook's {bareMax:N0} msg/s" : " (no bare-webhook ceiling measured)") +
                    (store is { TurnsPerSecond: > 0 } ? $", {sustained / store.TurnsPerSecond:P1} of the store's {store.TurnsPerSecond:N0} turns/s" : "") +
                    (halfRate is null ? "" : $"; ack at {halfRate.OfferedRate}/s (about half): {halfRate.Ack}")
                : "No offered rate was sustained.");
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

    /// <summary>
    /// Starts <see cref="LoadSettings.Silos"/> silos of the built host. Several form one cluster through PostgreSQL (as
    /// loadtests/fault-run.sh starts them): the schema is applied once first, so they do not race to create it.
    /// </summary>
    internal static async Task<List<SiloProcess>> StartSilosAsync(LoadSettings settings, string standIn)
    {
        if (settings.Silos > 1 && settings.Postgres is null)
        {
            throw new ArgumentException("--silos above 1 needs --postgres: the silos find each other through PostgreSQL clustering.");
        }

        var cluster = "load-" + Guid.NewGuid().ToString("N")[..6];
        if (settings.Silos > 1)
        {
            using var migrate = Process.Start(new ProcessStartInfo("dotnet", [HostDll(), "migrate"])
            {
                Environment = { ["ConnectionStrings__Postgres"] = settings.Postgres },
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            await migrate.StandardOutput.ReadToEndAsync();
            await migrate.WaitForExitAsync();
            if (migrate.ExitCode != 0)
            {
                throw new InvalidOperationException($"Applying the schema failed ({migrate.ExitCode}).");
            }
        }

        var silos = new List<SiloProcess>();
        try
        {
            for (var i = 1; i <= settings.Silos; i++)
            {
                silos.Add(await StartSiloAsync(settings, standIn, cluster, settings.Silos == 1 ? "silo.log" : $"silo{i}.log"));
            }
        }
        catch
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }

            throw;
        }

        Console.WriteLine($"{silos.Count} silo(s) ready (pids {string.Join(", ", silos.Select(s => s.Pid))})");
        return silos;
    }

    /// <summary>The bare webhook (same-run ceiling), told the run's bot and secret.</summary>
    private static Task<SiloProcess> StartBareServerAsync(LoadSettings settings, LoadRun run)
    {
        var port = FreePorts.Next();
        return SiloProcess.StartAsync(typeof(LoadCommand).Assembly.Location, $"bare-server --port {port} --bot {run.BotId}", new Uri($"http://127.0.0.1:{port}"),
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1", ["BARE_WEBHOOK_SECRET"] = run.WebhookSecret }, "/health",
            Path.Combine(settings.ResultsDirectory, "bare-server.log"));
    }

    /// <summary>
    /// One more step at <paramref name="rate"/> (the highest sustained) with dotnet-trace sampling each silo's CPU; the
    /// traces (speedscope JSON too) go to the results directory.
    /// </summary>
    private static async Task ProfileAsync(LoadSettings settings, LoadRun run, IReadOnlyList<int> pids, int rate, CancellationToken cancellationToken)
    {
        var tool = new[] { "dotnet-trace", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet/tools/dotnet-trace") }
            .FirstOrDefault(t => File.Exists(t) || (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, t))));
        if (tool is null)
        {
            Console.WriteLine("  --profile: dotnet-trace not found; install it with `dotnet tool install -g dotnet-trace`. No profile taken.");
            return;
        }

        Console.WriteLine($"Profiling {pids.Count} silo(s) with dotnet-trace during one more step at {rate}/s...");
        var traces = pids.Select((pid, i) =>
        {
            var output = Path.GetFullPath(Path.Combine(settings.ResultsDirectory, $"silo{i + 1}-{rate}.nettrace"));
            var trace = Process.Start(new ProcessStartInfo(tool, ["collect", "-p", pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--profile", "dotnet-sampled-thread-time", "--format", "Speedscope", "--duration", TimeSpan.FromSeconds(settings.Seconds).ToString(@"dd\:hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture),
                "-o", output])
            {
                RedirectStandardOutput = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            })!;
            return (trace, output);
        }).ToList();
        var profiled = await run.RunPhaseAsync(rate, cancellationToken);
        await run.WaitUntilQuietAsync(TimeSpan.FromSeconds(90), cancellationToken);
        Print(profiled with { Target = "profiled" }, settings);
        foreach (var (trace, output) in traces)
        {
            await trace.StandardOutput.ReadToEndAsync(cancellationToken);
            await trace.WaitForExitAsync(cancellationToken);
            Console.WriteLine($"  {output} (and .speedscope.json): exit {trace.ExitCode}");
            trace.Dispose();
        }
    }

    private static string HostDll()
    {
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Conversations.Host/bin/Release/net10.0/Conversations.Host.dll"));
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the host first: dotnet build -c Release src/Conversations.Host ({dll} is missing).");
    }

    /// <summary>Starts one silo of the built host (Release) for this run, in <paramref name="cluster"/>.</summary>
    internal static Task<SiloProcess> StartSiloAsync(LoadSettings settings, string standIn, string cluster, string logFile)
    {
        var port = FreePorts.Next();
        var dll = HostDll();

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Postgres"] = settings.Postgres ?? "",
            ["Orleans__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__ClusterId"] = cluster,
            ["Channels__Telegram__ApiBaseUrl"] = standIn,
            ["Channels__Telegram__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            // The stand-in answers the Graph API too (a WhatsApp number's check and sends); the load Meta app signs the webhooks.
            ["Channels__Meta__GraphBaseUrl"] = standIn,
            ["Channels__Meta__Apps__0__AppId"] = LoadRun.MetaAppId,
            ["Channels__Meta__Apps__0__AppSecret"] = LoadRun.MetaAppSecret,
            ["Channels__Meta__Apps__0__VerifyToken"] = LoadRun.MetaVerifyToken,
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
            Path.Combine(settings.ResultsDirectory, logFile));
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

    private static void Print(PhaseResult result, LoadSettings settings)
    {
        var kept = result.KeptUp(settings.MaxP99) ? "kept up" : "FELL BEHIND";
        Console.WriteLine($"  {result.Target,-14} offered {result.OfferedRate,5}/s accepted {result.AcceptedPerSecond,8:N1}/s ({result.Acknowledged}/{result.Offered} acknowledged) {kept}");
        Console.WriteLine($"{"",16}ack {result.Ack}");
        if (result.BotReply is { } bot && result.BotReplies is { } replies)
        {
            Console.WriteLine($"{"",16}bot reply (own reply, from due) p50 {bot.P50} ms p95 {bot.P95} ms p99 {bot.P99} ms max {bot.Max} ms; " +
                $"{replies.Expected} owed, {replies.Late} after {replies.LimitMs:N0} ms, {replies.Missing} missing at the step's end");
        }

        if (result.Channels is { Count: > 1 } channels)
        {
            foreach (var (channel, figures) in channels)
            {
                Console.WriteLine($"{"",16}{channel,-9} {figures.AcceptedPerSecond,7:N1}/s ack p50 {figures.Ack.P50} ms p99 {figures.Ack.P99} ms" +
                    (figures.BotReply is { } reply ? $"; bot reply p50 {reply.P50} ms p99 {reply.P99} ms ({figures.BotReplies!.Late} late, {figures.BotReplies.Missing} missing)" : ""));
            }
        }

        if (result.OperatorScreen is { } screen)
        {
            Console.WriteLine($"{"",16}operator screen p50 {screen.P50} ms p99 {screen.P99} ms");
        }

        Console.WriteLine($"{"",16}CPU cores: {string.Join(", ", result.CpuCores.Select(c => $"{c.Key} {c.Value:0.00}"))}; generator lag p99 {result.GeneratorLag.P99} ms" +
            (result.DrainSeconds is { } drain ? $"; drained in {drain:N1} s" : ""));
        if (result.Errors.Count > 0)
        {
            Console.WriteLine($"{"",16}errors: {string.Join(", ", result.Errors.Select(e => $"{e.Key}={e.Value}"))}");
        }

        if (result.SiloMemoryMb.Count > 0)
        {
            Console.WriteLine($"{"",16}silo memory: {string.Join(", ", result.SiloMemoryMb.Select(m => $"{m.Key} {m.Value} MB"))}");
        }
    }
}
