using System.Diagnostics;
using System.Globalization;

namespace Conversations.LoadTests;

/// <summary>Measurements for the report: reply and screen latencies, memory.</summary>
internal sealed partial class LoadRun
{
    private string DedupKey(long sequence, Customer customer) =>
        customer.Widget ? $"w:{_widgetKey}:{customer.VisitorId:N}:{sequence}" : $"tg:{BotId}:{sequence}";

    private async Task<LatencySummary?> BotReplyLatencyAsync(long from, long to)
    {
        // Replies trail the acks; give them a moment, then match each chat's replies to its messages in order.
        var relevant = _sent.Where(s => s.Key > from && s.Key <= to && s.Value.Bot && !s.Value.Customer.Widget).ToList();
        var watch = Stopwatch.StartNew();
        Dictionary<long, List<long>> replies;
        do
        {
            replies = botApi.Succeeded("sendMessage").Where(c => c.Token == Token)
                .GroupBy(c => long.Parse(c.Field("chat_id")!, CultureInfo.InvariantCulture))
                .ToDictionary(g => g.Key, g => g.Select(c => c.ReceivedAt).Order().ToList());
            if (relevant.All(s => replies.ContainsKey(s.Value.Customer.Id)))
            {
                break;
            }

            await Task.Delay(250);
        }
        while (watch.Elapsed < TimeSpan.FromSeconds(15));

        var recorder = new LatencyRecorder();
        foreach (var chat in _sent.Values.Where(s => s.Bot && !s.Customer.Widget).GroupBy(s => s.Customer.Id))
        {
            if (!replies.TryGetValue(chat.Key, out var times))
            {
                continue;
            }

            var sends = chat.OrderBy(s => s.AckedAt).ToList();
            for (var i = 0; i < Math.Min(sends.Count, times.Count); i++)
            {
                if (times[i] >= sends[i].AckedAt && sends[i].Sequence > from && sends[i].Sequence <= to)
                {
                    recorder.RecordMilliseconds(Stopwatch.GetElapsedTime(sends[i].Due, times[i]).TotalMilliseconds);
                }
            }
        }

        return recorder.Count == 0 ? null : recorder.Summarize();
    }

    private LatencySummary? OperatorScreenLatency(long from, long to)
    {
        var recorder = new LatencyRecorder();
        foreach (var (sequence, seenAt) in _seenByOperator)
        {
            if (sequence > from && sequence <= to && _sent.TryGetValue(sequence, out var sent))
            {
                recorder.RecordMilliseconds(Stopwatch.GetElapsedTime(sent.Due, seenAt).TotalMilliseconds);
            }
        }

        return recorder.Count == 0 ? null : recorder.Summarize();
    }

    private Dictionary<string, double> Memory() =>
        pids.Select((pid, i) => (Key: $"silo{i + 1}", Value: Rss(pid))).Where(m => m.Value > 0).ToDictionary(m => m.Key, m => m.Value);

    private static double Rss(int pid)
    {
        try
        {
            return SiloProcess.ResidentMegabytes(pid);
        }
        catch (IOException)
        {
            return 0; // the silo was killed (fault run)
        }
    }
}
