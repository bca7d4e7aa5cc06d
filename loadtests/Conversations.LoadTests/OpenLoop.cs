using System.Diagnostics;

namespace Conversations.LoadTests;

/// <summary>
/// Sends at a fixed arrival rate, whatever the replies do (open loop): each send is due at start + i / rate, and its
/// latency counts from when it was due, so a slow server cannot slow the load down and hide its own queueing.
/// </summary>
internal static class OpenLoop
{
    /// <summary>Calls <paramref name="send"/> for every due slot during <paramref name="duration"/>; returns once all sends finished.</summary>
    public static async Task RunAsync(int rate, TimeSpan duration, int maxInFlight, Func<long, long, Task> send, Action onDropped)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>();
        var inFlightCount = 0;
        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            if (Volatile.Read(ref inFlightCount) >= maxInFlight)
            {
                onDropped(); // the client would melt down; count it as the server falling behind
                continue;
            }

            Interlocked.Increment(ref inFlightCount);
            var sequence = i;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    await send(sequence, due);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlightCount);
                }
            }));
        }

        await Task.WhenAll(inFlight);
    }
}
