using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Conversations.LoadTests;

/// <summary>Sweep steps: one offered rate against the silos, and the same workload against the bare webhook.</summary>
internal sealed partial class LoadRun
{
    /// <summary>How many replies the Bot API stand-in received from this run's bot (answers, operators' messages, notices).</summary>
    public long BotRepliesSent() => Interlocked.Read(ref _botReplies);

    /// <summary>Replies that reached a tracked chat while none of its messages awaited one: a reply sent twice.</summary>
    public long UnpairedReplies => Interlocked.Read(ref _unpairedReplies);

    /// <summary>One rate step against the silos.</summary>
    public async Task<PhaseResult> RunPhaseAsync(int rate, CancellationToken cancellationToken, TimeSpan? duration = null)
    {
        var acks = new LatencyRecorder();
        var channelAcks = Enum.GetValues<LoadChannel>().ToDictionary(c => c, _ => new LatencyRecorder());
        var errors = new ConcurrentDictionary<string, int>();
        var tracked = new ConcurrentQueue<Sent>();
        var acknowledged = 0;
        var seconds = (duration ?? TimeSpan.FromSeconds(settings.Seconds)).TotalSeconds;
        var offered = (int)(rate * seconds);
        var cpu = CpuMeter.Start(Processes());
        var phaseStart = Stopwatch.GetTimestamp();
        var firstSequence = Interlocked.Read(ref _updateId);
        var lastDue = phaseStart;
        var lag = await OpenLoop.RunAsync(rate, TimeSpan.FromSeconds(seconds), 2000, async (i, due) =>
        {
            lastDue = Math.Max(lastDue, due);
            // A tracked chat gets its next message only after the bot answered the previous one (as a person waits for
            // the answer), so each reply pairs with exactly one message. With enough customers an idle chat is always
            // found; when none is, every chat is waiting for the system, and the message counts as dropped.
            if (PickCustomer() is not { } customer)
            {
                errors.AddOrUpdate("dropped (no chat without a pending reply)", 1, (_, n) => n + 1);
                return;
            }

            var sequence = Interlocked.Increment(ref _updateId);
            var text = customer.AsksForOperator && !customer.Started ? "Позовите оператора" : $"Где мой заказ? #{sequence}";
            customer.Started = true;
            var sent = new Sent(customer, due, sequence);
            if (customer.Tracked)
            {
                lock (customer)
                {
                    customer.Awaiting = sent;
                }

                Interlocked.Increment(ref _awaitingReplies);
                tracked.Enqueue(sent);
            }

            // Like Telegram (and the widget script), a message that was not acknowledged is delivered again, same
            // update_id / clientMessageId, until it is: the platform must take it exactly once however often it comes.
            var delay = TimeSpan.FromMilliseconds(250);
            for (var attempt = 1; ; attempt++)
            {
                var target = targets[(int)(Interlocked.Increment(ref _nextTarget) % targets.Count)];
                try
                {
                    using var response = customer.Channel switch
                    {
                        LoadChannel.Widget => await SendWidgetAsync(target, customer, text, sequence, cancellationToken),
                        LoadChannel.WhatsApp => await SendWhatsAppAsync(customer, text, sequence),
                        _ => await SendTelegramAsync(target, customer, text, sequence, cancellationToken),
                    };
                    if (response.IsSuccessStatusCode)
                    {
                        var ackMilliseconds = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                        acks.RecordMilliseconds(ackMilliseconds);
                        channelAcks[customer.Channel].RecordMilliseconds(ackMilliseconds);
                        Interlocked.Increment(ref acknowledged);
                        sent.AckedAt = Stopwatch.GetTimestamp();
                        _sent[sequence] = sent;
                        if (attempt > 1)
                        {
                            errors.AddOrUpdate("acknowledged on a later attempt", 1, (_, n) => n + 1);
                        }

                        return;
                    }

                    errors.AddOrUpdate($"http {(int)response.StatusCode}", 1, (_, n) => n + 1);
                    if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                    {
                        GiveUp(sent); // refused for good: Telegram does not retry those either
                        return;
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
                    GiveUp(sent);
                    return;
                }

                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }, () => errors.AddOrUpdate("dropped (2000 in flight)", 1, (_, n) => n + 1));

        var elapsed = Stopwatch.GetElapsedTime(phaseStart).TotalSeconds;
        var accepted = Math.Round(acknowledged / elapsed, 1);
        var judgedAt = await AwaitBotRepliesAsync([.. tracked], lastDue, cancellationToken);
        var (botReply, botReplies) = JudgeReplies([.. tracked], judgedAt);
        var cores = cpu.Stop();
        var lastSequence = Interlocked.Read(ref _updateId);
        return new PhaseResult("conversations", rate, accepted, offered, acknowledged, acks.Summarize(), botReply, botReplies,
            OperatorScreenLatency(firstSequence, lastSequence), lag, new Dictionary<string, int>(errors), Memory(), cores)
        {
            Channels = ChannelFiguresOf(channelAcks, [.. tracked], elapsed, judgedAt),
        };
    }

    /// <summary>Throughput, ack and bot-reply latency of each channel that carried messages in the step.</summary>
    private Dictionary<string, ChannelFigures> ChannelFiguresOf(Dictionary<LoadChannel, LatencyRecorder> acks, IReadOnlyList<Sent> tracked, double elapsedSeconds, long judgedAt) =>
        acks.Where(a => a.Value.Count > 0).ToDictionary(a => a.Key.ToString(), a =>
        {
            var (botReply, botReplies) = JudgeReplies([.. tracked.Where(s => s.Customer.Channel == a.Key)], judgedAt);
            return new ChannelFigures(a.Value.Count, Math.Round(a.Value.Count / elapsedSeconds, 1), a.Value.Summarize(), botReply, botReplies);
        });

    /// <summary>A customer for the next message: a random chat that is not waiting for a reply, or null when the probes found none.</summary>
    private Customer? PickCustomer()
    {
        for (var probe = 0; probe < 16; probe++)
        {
            var customer = _customers[Random.Shared.Next(_customers.Length)];
            if (customer.TryTake())
            {
                return customer;
            }
        }

        return null;
    }

    /// <summary>A message that will not be answered (refused, or never acknowledged): it no longer holds up the drain.</summary>
    private void GiveUp(Sent sent)
    {
        if (sent.Bot && sent.Settle())
        {
            Interlocked.Decrement(ref _awaitingReplies);
        }
    }

    /// <summary>
    /// The same requests against the bare webhook: the same body and secret header, answered after the same
    /// per-request work minus the platform (see <see cref="BareServer"/>).
    /// </summary>
    public async Task<PhaseResult> RunCeilingPhaseAsync(Uri bare, int barePid, int rate, CancellationToken cancellationToken, TimeSpan? duration = null)
    {
        var seconds = (duration ?? TimeSpan.FromSeconds(settings.Seconds)).TotalSeconds;
        var acks = new LatencyRecorder();
        var errors = new ConcurrentDictionary<string, int>();
        var acknowledged = 0;
        var cpu = CpuMeter.Start(new Dictionary<string, int>(Processes()) { ["bare-webhook"] = barePid });
        var start = Stopwatch.GetTimestamp();
        var lag = await OpenLoop.RunAsync(rate, TimeSpan.FromSeconds(seconds), 2000, async (i, due) =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bare, $"/webhooks/telegram/{BotId}"))
                {
                    Content = new StringContent(TelegramUpdate(9_000_000 + i, 1_000_000 + (i % 5000), $"Где мой заказ? #{i}"), Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", _secret);
                using var response = await _http.SendAsync(request, cancellationToken);
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
        return new PhaseResult("bare-webhook", rate, Math.Round(acknowledged / Stopwatch.GetElapsedTime(start).TotalSeconds, 1), (int)(rate * seconds), acknowledged, acks.Summarize(),
            null, null, null, lag, new Dictionary<string, int>(errors), new Dictionary<string, double>(), cpu.Stop());
    }

    /// <summary>The processes whose CPU a step reports: the generator (this process), the Bot API stand-in, the silos.</summary>
    private Dictionary<string, int> Processes()
    {
        var processes = new Dictionary<string, int> { ["generator"] = Environment.ProcessId, ["bot-api"] = botApi.Pid };
        for (var i = 0; i < pids.Count; i++)
        {
            processes[$"silo{i + 1}"] = pids[i];
        }

        return processes;
    }
}
