using System.Text.Json;

namespace Conversations.LoadTests;

/// <summary>
/// A campaign to N recipients against the channel stand-ins (issue 19, item 4): opens N Telegram conversations on one
/// silo (a new customer each, one message the bot answers), then one campaign to all of them on Telegram, followed
/// until it finishes and the stand-in received every message: recipients per second through planning, the outbox and
/// the stand-in, and the silo's peak resident memory against before the campaign (it must stay flat as N grows). The
/// stand-in is not paced: load runs lift the per-account limit, so the figure is the platform's own rate; a real
/// bot is paced at its account's limit (about 30 a second for Telegram).
/// </summary>
internal static class CampaignCommand
{
    public static async Task<int> RunAsync(LoadSettings settings, int recipients, int concurrency)
    {
        Directory.CreateDirectory(settings.ResultsDirectory);
        await using var botApi = await BotApiStandInProcess.StartAsync(settings.StandInPort, settings.ResultsDirectory);
        await using var silo = await LoadCommand.StartSiloAsync(settings, botApi.BaseUrl, "campaign-" + Guid.NewGuid().ToString("N")[..6], "silo.log");
        using var stop = new CancellationTokenSource();
        var run = new LoadRun(settings with { Customers = 1, Operators = 0, Rates = [] }, botApi, [silo.BaseAddress], [silo.Pid]);
        await run.SetUpAsync(stop.Token);

        var opened = await run.OpenConversationsAsync(3_000_000_000, recipients, 1, concurrency,
            n => Console.WriteLine($"  {n:N0} customers opened"), stop.Token);
        var lastProgress = System.Diagnostics.Stopwatch.StartNew();
        var seen = run.BotRepliesSent();
        while (run.BotRepliesSent() < opened && lastProgress.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(500);
            if (run.BotRepliesSent() > seen)
            {
                seen = run.BotRepliesSent();
                lastProgress.Restart();
            }
        }

        Console.WriteLine($"{opened:N0} customers with a Telegram identity; the campaign starts");
        var result = await run.RunCampaignAsync(silo.Pid, stop.Token);
        var report = new
        {
            machine = new { cores = Environment.ProcessorCount },
            durable = settings.Postgres is not null,
            customers = opened,
            result.Planned,
            result.Sent,
            result.Failed,
            result.Refused,
            deliveredToStandIn = result.Delivered,
            result.SecondsToFinish,
            result.SecondsToDeliver,
            sentPerSecond = Math.Round(result.Sent / result.SecondsToFinish, 1),
            deliveredPerSecond = Math.Round(result.Delivered / result.SecondsToDeliver, 1),
            result.RssMbBefore,
            result.RssMbPeak,
        };
        var json = Path.Combine(settings.ResultsDirectory, "campaign-report.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Campaign to {result.Planned:N0} recipients: {result.Sent:N0} sent in {result.SecondsToFinish:N1} s ({report.sentPerSecond:N0}/s), " +
            $"{result.Delivered:N0} at the stand-in in {result.SecondsToDeliver:N1} s ({report.deliveredPerSecond:N0}/s); failed {result.Failed:N0}, refused {result.Refused:N0}; " +
            $"silo RSS {result.RssMbBefore:N0} MB before, peak {result.RssMbPeak:N0} MB ({Environment.ProcessorCount} cores)");
        Console.WriteLine($"Report {json}");
        return result.Planned == opened && result.Sent == opened && result.Delivered >= opened ? 0 : 1;
    }
}
