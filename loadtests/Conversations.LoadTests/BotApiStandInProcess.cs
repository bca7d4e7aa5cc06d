using System.Buffers.Binary;

namespace Conversations.LoadTests;

/// <summary>
/// The generator's side of the <see cref="BotApiStandIn"/> process: starts it, reads a bot's webhook secret, and drains
/// the replies it received every few milliseconds into a callback (the arrival time is the stand-in's, so draining late
/// does not change a measured latency).
/// </summary>
internal sealed class BotApiStandInProcess : IAsyncDisposable
{
    private readonly SiloProcess _process;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _drain = new(1, 1); // one reader, so a chat's replies are handed over in order
    private readonly List<Action<long, long, long>> _subscribers = [];
    private Task _draining = Task.CompletedTask;

    private BotApiStandInProcess(SiloProcess process)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The base URL silos give Telegram.Bot (<c>Channels:Telegram:ApiBaseUrl</c>).</summary>
    public string BaseUrl => _process.BaseAddress.ToString().TrimEnd('/');

    public int Pid => _process.Pid;

    /// <summary>Starts <c>bot-api</c> on <paramref name="port"/> (silos started elsewhere point at that port).</summary>
    public static async Task<BotApiStandInProcess> StartAsync(int port, string resultsDirectory) =>
        new(await SiloProcess.StartAsync(typeof(BotApiStandIn).Assembly.Location, $"bot-api --port {port}", new Uri($"http://127.0.0.1:{port}"),
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" }, "/health", Path.Combine(resultsDirectory, "bot-api.log")));

    /// <summary>The secret the platform registered with <c>setWebhook</c> for <paramref name="token"/>.</summary>
    public async Task<string> WebhookSecretAsync(string token)
    {
        using var response = await _http.GetAsync(new Uri($"/load/webhook-secret/{Uri.EscapeDataString(token)}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// Calls <paramref name="onReply"/>(bot id, chat id, arrival timestamp) for every message sent to the stand-in, until
    /// disposed. Several runs may share the stand-in (the noisy-neighbour run: one per tenant): each reply goes to every
    /// subscriber, which keeps those of its own bot.
    /// </summary>
    public void StartDraining(Action<long, long, long> onReply)
    {
        lock (_subscribers)
        {
            _subscribers.Add(onReply);
            if (_subscribers.Count > 1)
            {
                return; // the loop runs already
            }
        }

        _draining = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
            {
                try
                {
                    await DrainAsync(onReply);
                }
                catch (HttpRequestException ex)
                {
                    Console.Error.WriteLine($"  bot-api stand-in: {ex.Message}");
                }
            }
        });
    }

    /// <summary>Drains now (after the last step, so nothing received is left unread).</summary>
    public async Task DrainAsync(Action<long, long, long> onReply)
    {
        await _drain.WaitAsync();
        try
        {
            byte[] drained;
            do
            {
                drained = await _http.GetByteArrayAsync(new Uri("/load/replies", UriKind.Relative));
                Action<long, long, long>[] subscribers;
                lock (_subscribers)
                {
                    subscribers = _subscribers.Contains(onReply) ? [.. _subscribers] : [.. _subscribers, onReply];
                }

                for (var offset = 0; offset + BotApiStandIn.ReplyBytes <= drained.Length; offset += BotApiStandIn.ReplyBytes)
                {
                    var (bot, chat, at) = (BinaryPrimitives.ReadInt64LittleEndian(drained.AsSpan(offset)), BinaryPrimitives.ReadInt64LittleEndian(drained.AsSpan(offset + 8)),
                        BinaryPrimitives.ReadInt64LittleEndian(drained.AsSpan(offset + 16)));
                    foreach (var subscriber in subscribers)
                    {
                        subscriber(bot, chat, at);
                    }
                }
            }
            while (drained.Length > 0);
        }
        finally
        {
            _drain.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _draining;
        _http.Dispose();
        _stop.Dispose();
        _drain.Dispose();
        await _process.DisposeAsync();
    }
}
