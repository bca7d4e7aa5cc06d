using System.Diagnostics;

namespace Conversations.Testing;

/// <summary>
/// Waits for something another thread or process does (a webhook's effect reaching a stand-in server). This polls a
/// condition with a deadline; it is never used to let a timer fire — timers move with the fake clock.
/// </summary>
public static class Eventually
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails the test with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Moves a fake clock forward in <paramref name="step"/>s, up to <paramref name="limit"/> of fake time, until
    /// <paramref name="condition"/> holds (checked after each step for a moment of real time, so callbacks the step
    /// made due can run). For timers whose owner waits on the clock in small increments (the reminder service).
    /// </summary>
    public static async Task AdvanceUntilAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, TimeSpan step, TimeSpan limit,
        Func<Task<bool>> condition, string what)
    {
        var moved = TimeSpan.Zero;
        while (true)
        {
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < 100)
            {
                if (await condition())
                {
                    return;
                }

                await Task.Delay(10);
            }

            if (moved >= limit)
            {
                throw new TimeoutException($"{what} did not happen within {limit} of fake time.");
            }

            clock.Advance(step);
            moved += step;
        }
    }

    /// <summary>Synchronous-condition overload.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout);
}
