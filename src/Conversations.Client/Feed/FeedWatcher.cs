using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Contracts.Messages;

namespace Conversations.Client.Feed;

/// <summary>
/// The input/output half of the live feed: opens <c>GET /api/v1/events</c>, parses its server-sent events, and on a
/// drop reconnects with backoff and <c>Last-Event-ID</c>. What to deliver is <see cref="FeedCatchUp"/>'s decision.
/// </summary>
internal sealed class FeedWatcher(ApiConnection api, FeedWatchOptions options, Func<Guid, long, CancellationToken, Task<IReadOnlyList<ApiMessage>>> fetchAfter)
{
    private const string ConversationEvent = "conversation";
    private const string PingEvent = "ping";
    private const string ReplayedEvent = "replayed";

    public async IAsyncEnumerable<FeedEvent> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var catchUp = new FeedCatchUp(fetchAfter, options.LastEventId);
        var failuresInARow = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Exception? failure;
            HttpResponseMessage? response = null;
            try
            {
                response = await api.OpenStreamAsync("api/v1/events", request => Resume(request, catchUp.LastEventId), cancellationToken);
                failure = null;
            }
            catch (Exception ex) when (IsDrop(ex, cancellationToken))
            {
                failure = ex;
            }

            if (response is not null)
            {
                using (response)
                {
                    catchUp.OnConnected(response.Headers.Date ?? options.TimeProvider.GetUtcNow());
                    var connected = false;
                    using var alive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    alive.CancelAfter(options.IdleTimeout);
                    var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                    await using var items = SseParser.Create(stream, Parse).EnumerateAsync(alive.Token).GetAsyncEnumerator(alive.Token);
                    while (true)
                    {
                        FeedEvent? delivery = null;
                        try
                        {
                            if (!await items.MoveNextAsync())
                            {
                                failure = new IOException("The server ended the event stream.");
                                break;
                            }

                            alive.CancelAfter(options.IdleTimeout);
                            if (!connected)
                            {
                                // The server's first event ("ready") comes once it is subscribed: from here nothing is missed.
                                connected = true;
                                failuresInARow = 0;
                                options.ConnectionChanged?.Invoke(FeedConnectionState.Connected, null);
                            }

                            var item = items.Current;
                            if (item.EventType == ReplayedEvent)
                            {
                                catchUp.OnReplayed(item.EventId);
                            }
                            else if (item.EventType == PingEvent)
                            {
                                catchUp.OnPing();
                            }
                            else if (item is { EventType: ConversationEvent, Data: { } received })
                            {
                                delivery = await catchUp.ApplyAsync(received, item.EventId, alive.Token);
                            }
                        }
                        catch (Exception ex) when (IsDrop(ex, cancellationToken))
                        {
                            failure = ex;
                            break;
                        }

                        if (delivery is not null)
                        {
                            yield return delivery;
                        }
                    }
                }
            }

            options.ConnectionChanged?.Invoke(FeedConnectionState.Disconnected, failure);
            await Task.Delay(Backoff(failuresInARow++), options.TimeProvider, cancellationToken);
        }
    }

    private static void Resume(HttpRequestMessage request, string? lastEventId)
    {
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }
    }

    private static FeedEvent? Parse(string eventType, ReadOnlySpan<byte> data) =>
        eventType == ConversationEvent ? JsonSerializer.Deserialize<FeedEvent>(data, ClientJson.Options) : null;

    /// <summary>
    /// A failure that reconnecting may cure: the network, a stream cut or gone silent, a server busy or restarting.
    /// A refusal (401, 403, 404) or a malformed event is not one: retrying would only repeat it.
    /// </summary>
    private static bool IsDrop(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or IOException => true,
        ConversationsApiException api => api.IsTransient,
        _ => false,
    };

    /// <summary>Exponential, capped, with jitter so that many clients dropped together do not come back together.</summary>
    private TimeSpan Backoff(int failuresInARow)
    {
        var exponential = options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failuresInARow, 16));
        var capped = Math.Min(exponential, options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
