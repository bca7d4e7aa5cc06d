using Conversations.Abstractions.Common;

namespace Conversations.Channels;

/// <summary>
/// Retries grain calls that fail because the cluster is changing (a silo just died and is not yet declared dead,
/// or is shutting down): such failures pass within seconds, and the calls are idempotent.
/// </summary>
public static class GrainCalls
{
    /// <summary>Runs <paramref name="call"/>, retrying transient cluster failures for up to <paramref name="budget"/>.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeSpan? budget = null, CancellationToken cancellationToken = default)
    {
        var limit = budget ?? TimeSpan.FromSeconds(10);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (IsTransient(ex) && System.Diagnostics.Stopwatch.GetElapsedTime(started) + delay < limit)
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }
        }
    }

    /// <summary>Runs <paramref name="call"/>, retrying transient cluster failures.</summary>
    public static Task RetryAsync(Func<Task> call, TimeSpan? budget = null, CancellationToken cancellationToken = default) =>
        RetryAsync(async () =>
        {
            await call();
            return true;
        }, budget, cancellationToken);

    /// <summary>
    /// True for failures caused by cluster membership changes or a database that is briefly away (restarting, failing
    /// over) rather than by the call itself. Grain storage wraps the database's error, so the whole chain is looked at.
    /// </summary>
    public static bool IsTransient(Exception exception) => TransientFailure.Is(exception);
}
