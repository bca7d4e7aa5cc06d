using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conversations.LoadTests;

/// <summary>
/// Sends at a fixed arrival rate, whatever the replies do (open loop): each send is due at start + i / rate, and its
/// latency counts from when it was due, so a slow server cannot slow the load down and hide its own queueing.
/// </summary>
/// <remarks>
/// Each send starts on the loop's own thread and runs until its first await (no <c>Task.Run</c> per send: on two cores
/// a queued work item per message is generator CPU taken from the system under test). The lag of each send behind its
/// due time is reported: a large one means the generator, not the system, fell behind.
/// </remarks>
internal static class OpenLoop
{
    /// <summary>Calls <paramref name="send"/> for every due slot during <paramref name="duration"/>; returns once all sends finished.</summary>
    public static async Task<LatencySummary> RunAsync(int rate, TimeSpan duration, int maxInFlight, Func<long, long, Task> send, Action onDropped)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var lag = new LatencyRecorder();
        var failures = new ConcurrentQueue<Exception>();
        var inFlight = 1; // the loop itself, so the count reaches zero only once every send is done
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void Finished()
        {
            if (Interlocked.Decrement(ref inFlight) == 0)
            {
                allDone.TrySetResult();
            }
        }

        async Task Track(Task sending)
        {
            try
            {
                await sending;
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
            finally
            {
                Finished();
            }
        }

        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            if (Volatile.Read(ref inFlight) > maxInFlight)
            {
                onDropped(); // the client would melt down; count it as the server falling behind
                continue;
            }

            lag.Record(due);
            Interlocked.Increment(ref inFlight);
            _ = Track(send(i, due));
        }

        Finished();
        await allDone.Task;
        return failures.IsEmpty ? lag.Summarize() : throw new AggregateException("Sends failed unexpectedly.", failures);
    }
}
