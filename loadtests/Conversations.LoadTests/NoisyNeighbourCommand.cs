using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.LoadTests;

/// <summary>
/// The noisy-neighbour run: five tenants on one silo, each with its Telegram bot and widget. First B–E write at a normal
/// rate while A is idle; then the same again while A floods (by default at three times what the silo sustains). A is on a
/// plan (<c>--noisy-plan-rate</c> bot turns and sends a second; <c>--plan false</c> runs it unbounded for comparison);
/// B–E are on none. Reports B–E's ack and bot-reply p99 in both phases and their ratio (goal: within 1.5×), A's
/// acknowledged messages (all of them: over its budget it is slowed, never refused), and ends with one verdict line.
/// Writes noisy-neighbour.json.
/// </summary>
internal static class NoisyNeighbourCommand
{
    private const double Goal = 1.5;

    public static async Task<int> RunAsync(LoadSettings settings, int normalRate, int floodRate, double planRate, bool plan)
    {
        Directory.CreateDirectory(settings.ResultsDirectory);
        await using var botApi = await BotApiStandInProcess.StartAsync(settings.StandInPort, settings.ResultsDirectory);
        var silos = await LoadCommand.StartSilosAsync(settings, botApi.BaseUrl);
        try
        {
            var silo = silos[0];
            using var stop = new CancellationTokenSource();
            var duration = TimeSpan.FromSeconds(settings.Seconds);

            // A's chats must never all wait for a reply (its replies are deferred by design): one chat per message it sends.
            var noisy = new LoadRun(settings with { Customers = floodRate * settings.Seconds + 1000, WidgetShare = 0, HandoffShare = 0, Operators = 0 },
                botApi, [silo.BaseAddress], [silo.Pid]);
            var neighbours = Enumerable.Range(0, 4).Select(_ => new LoadRun(settings with { Operators = 0 }, botApi, [silo.BaseAddress], [silo.Pid])).ToList();
            foreach (var run in neighbours.Prepend(noisy))
            {
                await run.SetUpAsync(stop.Token);
            }

            if (plan)
            {
                await PutOnPlanAsync(settings, silo.BaseAddress, noisy.Slug, planRate, stop.Token);
            }

            Console.WriteLine($"Noisy neighbour: B–E at {normalRate} msgs/s each; A idle, then A at {floodRate} msgs/s " +
                (plan ? $"on a plan of {planRate:0.#} turns and sends a second" : "on no plan") + $"; {settings.Seconds} s per phase");
            if (settings.WarmUpSeconds > 0)
            {
                await Task.WhenAll(neighbours.Prepend(noisy).Select(r => r.RunPhaseAsync(normalRate, stop.Token, TimeSpan.FromSeconds(settings.WarmUpSeconds))));
                await Task.WhenAll(neighbours.Prepend(noisy).Select(r => r.WaitUntilQuietAsync(TimeSpan.FromSeconds(90), stop.Token)));
            }

            var idle = await Task.WhenAll(neighbours.Select(r => r.RunPhaseAsync(normalRate, stop.Token, duration)));
            await Task.WhenAll(neighbours.Select(r => r.WaitUntilQuietAsync(TimeSpan.FromSeconds(90), stop.Token)));

            var flood = noisy.RunPhaseAsync(floodRate, stop.Token, duration);
            var busy = await Task.WhenAll(neighbours.Select(r => r.RunPhaseAsync(normalRate, stop.Token, duration)));
            var noisyPhase = await flood;

            var rows = neighbours.Select((run, i) => new
            {
                tenant = ((char)('B' + i)).ToString(),
                ackP99IdleMs = idle[i].Ack.P99,
                ackP99NoisyMs = busy[i].Ack.P99,
                ackRatio = Ratio(busy[i].Ack.P99, idle[i].Ack.P99),
                replyP99IdleMs = idle[i].BotReply?.P99,
                replyP99NoisyMs = busy[i].BotReply?.P99,
                replyRatio = Ratio(busy[i].BotReply?.P99, idle[i].BotReply?.P99),
                acknowledged = busy[i].Acknowledged,
                offered = busy[i].Offered,
            }).ToList();
            var worst = rows.Max(r => Math.Max(r.ackRatio, r.replyRatio));
            var allAcked = noisyPhase.Acknowledged >= noisyPhase.Offered && rows.All(r => r.acknowledged >= r.offered);
            var pass = worst <= Goal && allAcked;
            var report = new
            {
                settings = new { normalRate, floodRate, planRate = plan ? planRate : (double?)null, settings.Seconds, settings.Customers },
                neighbours = rows,
                noisy = new
                {
                    noisyPhase.Offered,
                    noisyPhase.Acknowledged,
                    noisyPhase.AcceptedPerSecond,
                    ackP99Ms = noisyPhase.Ack.P99,
                    botReplyP99Ms = noisyPhase.BotReply?.P99,
                    botReplies = noisyPhase.BotReplies,
                    errors = noisyPhase.Errors,
                },
                cpuCores = noisyPhase.CpuCores,
                worstRatio = Math.Round(worst, 2),
                verdict = pass ? "PASS" : "FAIL",
            };
            await File.WriteAllTextAsync(Path.Combine(settings.ResultsDirectory, "noisy-neighbour.json"),
                JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));

            Console.WriteLine($"  {"tenant",-6} {"ack p99 idle",14} {"ack p99 noisy",14} {"×",6} {"reply p99 idle",16} {"reply p99 noisy",16} {"×",6}");
            foreach (var r in rows)
            {
                Console.WriteLine($"  {r.tenant,-6} {r.ackP99IdleMs,11:0.#} ms {r.ackP99NoisyMs,11:0.#} ms {r.ackRatio,6:0.00} {r.replyP99IdleMs,13:0.#} ms {r.replyP99NoisyMs,13:0.#} ms {r.replyRatio,6:0.00}");
            }

            Console.WriteLine($"  A: offered {noisyPhase.Offered}, acknowledged {noisyPhase.Acknowledged} ({noisyPhase.AcceptedPerSecond:0.#}/s), ack p99 {noisyPhase.Ack.P99:0.#} ms, " +
                $"bot replies within the limit: {(noisyPhase.BotReplies is { } c ? c.Expected - c.Late - c.Missing : 0)}/{noisyPhase.BotReplies?.Expected ?? 0}");
            Console.WriteLine(pass
                ? $"NOISY-NEIGHBOUR VERDICT: PASS (B–E's worst p99 ratio {worst:0.00} ≤ {Goal} while A flooded at {floodRate}/s; every message acknowledged)"
                : $"NOISY-NEIGHBOUR VERDICT: FAIL (B–E's worst p99 ratio {worst:0.00}{(worst > Goal ? $" > {Goal}" : "")}{(allAcked ? "" : "; some messages were not acknowledged")})");
            return pass ? 0 : 1;
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static double Ratio(double? noisy, double? idle) =>
        noisy is { } n && idle is { } i ? Math.Round(n / Math.Max(1, i), 2) : double.NaN;

    /// <summary>Creates the plan "noisy" (turns and sends at <paramref name="rate"/> a second; API calls roomy) and puts the tenant on it.</summary>
    private static async Task PutOnPlanAsync(LoadSettings settings, Uri silo, string slug, double rate, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = silo };
        http.DefaultRequestHeaders.Add("X-Platform-Key", settings.PlatformKey);
        var budget = new { perSecond = rate, burst = Math.Max(1, (int)rate), concurrent = 32 };
        (await http.PutAsJsonAsync("/api/v1/platform/plans/noisy", new { inbound = budget, api = new { perSecond = 1000, burst = 1000, concurrent = 256 }, outbound = budget },
            cancellationToken)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/v1/platform/tenants/{slug}/plan", new { plan = "noisy" }, cancellationToken)).EnsureSuccessStatusCode();
    }
}
