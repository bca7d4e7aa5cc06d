using System.Diagnostics;
using System.Text.Json;

namespace Conversations.LoadTests;

internal sealed partial class LoadRun
{
    /// <summary>
    /// Creates a campaign to every customer of the load tenant on Telegram and follows it to the end (GET every second):
    /// how many went out, in how long, the silo's peak resident memory while it ran, and what the stand-in received.
    /// </summary>
    public async Task<CampaignRunResult> RunCampaignAsync(int pid, CancellationToken cancellationToken)
    {
        var target = targets[0];
        var admin = await LoginAsync(target, "admin", "admin-password");
        var repliesBefore = BotRepliesSent();
        var rssBefore = SiloProcess.ResidentMegabytes(pid);
        var peak = rssBefore;
        var clock = Stopwatch.StartNew();
        var created = await Json(await SendAsync(HttpMethod.Post, target, "/api/v1/campaigns", admin, new
        {
            name = "Load campaign", channels = new[] { "Telegram" }, contents = new[] { new { text = "A campaign message from the load run." } },
        }));
        var id = created.GetProperty("id").GetGuid();
        JsonElement view;
        var lastPrint = TimeSpan.Zero;
        while (true)
        {
            await Task.Delay(1000, cancellationToken);
            peak = Math.Max(peak, SiloProcess.ResidentMegabytes(pid));
            view = await Json(await SendAsync(HttpMethod.Get, target, $"/api/v1/campaigns/{id}", admin, null));
            var counts = view.GetProperty("counts");
            if (clock.Elapsed - lastPrint >= TimeSpan.FromSeconds(10))
            {
                lastPrint = clock.Elapsed;
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds:N0} s: planned {counts.GetProperty("planned").GetInt32():N0}, sent {counts.GetProperty("sent").GetInt32():N0}, " +
                    $"at the stand-in {BotRepliesSent() - repliesBefore:N0}, silo RSS {SiloProcess.ResidentMegabytes(pid):N0} MB");
            }

            if (view.GetProperty("status").GetString() is "Finished" or "Cancelled")
            {
                break;
            }
        }

        var sentSeconds = clock.Elapsed.TotalSeconds;
        var planned = view.GetProperty("counts").GetProperty("planned").GetInt32();
        // The outbox may still be delivering the last messages: wait until the stand-in has them (or a minute without progress).
        var seen = BotRepliesSent();
        var quiet = Stopwatch.StartNew();
        while (BotRepliesSent() - repliesBefore < planned && quiet.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(200, cancellationToken);
            peak = Math.Max(peak, SiloProcess.ResidentMegabytes(pid));
            if (BotRepliesSent() > seen)
            {
                seen = BotRepliesSent();
                quiet.Restart();
            }
        }

        var counts2 = view.GetProperty("counts");
        return new CampaignRunResult(planned, counts2.GetProperty("sent").GetInt32(), counts2.GetProperty("failed").GetInt32(), counts2.GetProperty("refused").GetInt32(),
            BotRepliesSent() - repliesBefore, Math.Round(sentSeconds, 1), Math.Round(clock.Elapsed.TotalSeconds, 1), rssBefore, peak);
    }
}

/// <summary>What a campaign run measured.</summary>
internal sealed record CampaignRunResult(int Planned, int Sent, int Failed, int Refused, long Delivered, double SecondsToFinish, double SecondsToDeliver,
    double RssMbBefore, double RssMbPeak);
