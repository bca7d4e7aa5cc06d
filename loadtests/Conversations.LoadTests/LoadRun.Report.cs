using System.Diagnostics;

namespace Conversations.LoadTests;

/// <summary>Measurements for the report: reply and screen latencies, memory.</summary>
internal sealed partial class LoadRun
{
    private string DedupKey(long sequence, Customer customer) => customer.Channel switch
    {
        LoadChannel.Widget => $"w:{_widgetKey}:{customer.VisitorId:N}:{sequence}",
        LoadChannel.WhatsApp => $"wa:{PhoneNumberId}:{WhatsAppMessageId(sequence)}",
        _ => $"tg:{BotId}:{sequence}",
    };

    /// <summary>
    /// Pairs a reply that reached the stand-in with the message its chat is waiting on (a tracked chat has one at a
    /// time); a reply to a chat that waits for nothing is a reply sent twice.
    /// </summary>
    internal void OnReply(long bot, long chat, long at)
    {
        if (bot != BotId && bot != PhoneNumberId)
        {
            return; // another run's bot or number (the noisy-neighbour run shares the stand-in)
        }

        Interlocked.Increment(ref _botReplies);
        if (!_customersById.TryGetValue(chat, out var customer) || !customer.Tracked)
        {
            return; // operators' messages and notices to the chats that asked for one; the memory run's new customers
        }

        Sent? answered;
        lock (customer)
        {
            customer.Replies++;
            answered = customer.Awaiting;
            customer.Awaiting = null;
        }

        if (answered is null)
        {
            Interlocked.Increment(ref _unpairedReplies);
            _extraReplies.Enqueue((chat, at));
            return;
        }

        answered.ReplyAt = at;
        if (answered.Settle())
        {
            Interlocked.Decrement(ref _awaitingReplies);
        }

        customer.Release();
    }

    /// <summary>
    /// Waits for the step's bot replies: until the last message's reply limit has passed (or every reply is in); returns
    /// the moment they are judged at (see <see cref="JudgeReplies"/>).
    /// </summary>
    private async Task<long> AwaitBotRepliesAsync(IReadOnlyList<Sent> messages, long lastDue, CancellationToken cancellationToken)
    {
        var end = lastDue + (long)(settings.ReplyLimit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end && messages.Any(m => m.ReplyAt == 0))
        {
            await Task.Delay(50, cancellationToken);
        }

        await botApi.DrainAsync(OnReply); // replies that reached the stand-in in time but were not read yet
        return Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Judges each message by its own reply as of <paramref name="now"/>. A reply still missing then counts against the
    /// step, in the percentiles with its wait so far (a lower bound) and in <see cref="BotReplyCount.Missing"/>.
    /// </summary>
    private (LatencySummary?, BotReplyCount?) JudgeReplies(IReadOnlyCollection<Sent> messages, long now)
    {
        if (messages.Count == 0)
        {
            return (null, null);
        }

        var limit = settings.ReplyLimit;
        var recorder = new LatencyRecorder();
        int late = 0, missing = 0;
        foreach (var message in messages)
        {
            var milliseconds = Stopwatch.GetElapsedTime(message.Due, message.ReplyAt == 0 ? now : message.ReplyAt).TotalMilliseconds;
            recorder.RecordMilliseconds(milliseconds);
            if (message.ReplyAt == 0)
            {
                missing++;
            }
            else if (milliseconds > limit.TotalMilliseconds)
            {
                late++;
            }
        }

        return (recorder.Summarize(), new BotReplyCount(messages.Count, late, missing, limit.TotalMilliseconds));
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
