using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Conversations.LoadTests;

/// <summary>Sweep steps: one offered rate against the silos, and the same workload against the bare server.</summary>
internal sealed partial class LoadRun
{
    /// <summary>How many replies the stand-in Bot API received from this run's bot.</summary>
    public int BotRepliesSent() => botApi.Succeeded("sendMessage").Count(c => c.Token == Token);

    /// <summary>One rate step against the silos.</summary>
    public async Task<PhaseResult> RunPhaseAsync(int rate, CancellationToken cancellationToken, TimeSpan? duration = null)
    {
        var acks = new LatencyRecorder();
        var errors = new ConcurrentDictionary<string, int>();
        var acknowledged = 0;
        var sentCount = 0;
        var phaseStart = Stopwatch.GetTimestamp();
        var firstSequence = Interlocked.Read(ref _updateId);
        var random = new Random(rate);
        await OpenLoop.RunAsync(rate, duration ?? TimeSpan.FromSeconds(settings.Seconds), 2000, async (i, due) =>
        {
            Interlocked.Increment(ref sentCount);
            Customer customer;
            lock (random)
            {
                customer = _customers[random.Next(_customers.Length)];
            }

            var sequence = Interlocked.Increment(ref _updateId);
            var text = customer.AsksForOperator && !customer.Started ? "Позовите оператора" : $"Где мой заказ? #{sequence}";
            customer.Started = true;
            // Like Telegram (and the widget script), a message that was not acknowledged is delivered again, same
            // update_id / clientMessageId, until it is: the platform must take it exactly once however often it comes.
            var delay = TimeSpan.FromMilliseconds(250);
            for (var attempt = 1; ; attempt++)
            {
                var target = targets[(int)(Interlocked.Increment(ref _nextTarget) % targets.Count)];
                try
                {
                    using var response = customer.Widget
                        ? await SendWidgetAsync(target, customer, text, sequence, cancellationToken)
                        : await SendTelegramAsync(target, customer, text, sequence, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        acks.Record(due);
                        Interlocked.Increment(ref acknowledged);
                        _sent[sequence] = new Sent(customer, due, Stopwatch.GetTimestamp(), !customer.AsksForOperator, sequence);
                        if (attempt > 1)
                        {
                            errors.AddOrUpdate("acknowledged on a later attempt", 1, (_, n) => n + 1);
                        }

                        return;
                    }

                    errors.AddOrUpdate($"http {(int)response.StatusCode}", 1, (_, n) => n + 1);
                    if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                    {
                        return; // refused for good: Telegram does not retry those either
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
                {
                    errors.AddOrUpdate(ex is InvalidOperationException ? "widget session refused" : ex.GetType().Name, 1, (_, n) => n + 1);
                }

                if (Stopwatch.GetElapsedTime(due) > RedeliverFor)
                {
                    errors.AddOrUpdate("never acknowledged", 1, (_, n) => n + 1);
                    _unacknowledged.Add(customer.Id);
                    return;
                }

                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }, () => errors.AddOrUpdate("dropped (2000 in flight)", 1, (_, n) => n + 1));

        var seconds = Stopwatch.GetElapsedTime(phaseStart).TotalSeconds;
        var lastSequence = Interlocked.Read(ref _updateId);
        return new PhaseResult("conversations", rate, Math.Round(acknowledged / seconds, 1), sentCount, acknowledged, acks.Summarize(),
            await BotReplyLatencyAsync(firstSequence, lastSequence), OperatorScreenLatency(firstSequence, lastSequence),
            new Dictionary<string, int>(errors), Memory());
    }

    /// <summary>The same workload (same webhook bodies) against the bare server.</summary>
    public async Task<PhaseResult> RunCeilingPhaseAsync(Uri bare, int rate, CancellationToken cancellationToken)
    {
        var acks = new LatencyRecorder();
        var errors = new ConcurrentDictionary<string, int>();
        var acknowledged = 0;
        var sentCount = 0;
        var start = Stopwatch.GetTimestamp();
        await OpenLoop.RunAsync(rate, TimeSpan.FromSeconds(settings.Seconds), 2000, async (i, due) =>
        {
            Interlocked.Increment(ref sentCount);
            try
            {
                using var content = new StringContent(TelegramUpdate(9_000_000 + i, 1_000_000 + (i % 5000), $"Где мой заказ? #{i}"), Encoding.UTF8, "application/json");
                var response = await _http.PostAsync(new Uri(bare, "/webhook"), content, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    acks.Record(due);
                    Interlocked.Increment(ref acknowledged);
                }
                else
                {
                    errors.AddOrUpdate($"http {(int)response.StatusCode}", 1, (_, n) => n + 1);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                errors.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
            }
        }, () => errors.AddOrUpdate("dropped (2000 in flight)", 1, (_, n) => n + 1));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new PhaseResult("bare-kestrel", rate, Math.Round(acknowledged / seconds, 1), sentCount, acknowledged, acks.Summarize(), null, null,
            new Dictionary<string, int>(errors), new Dictionary<string, double>());
    }
}
