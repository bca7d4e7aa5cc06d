using Conversations.Abstractions.Common;
using Conversations.Grains.Infrastructure;
using Conversations.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Grains.Tests;

/// <summary>Calls to other grains after a commit: retried on passing failures with a bounded backoff, logged when given up.</summary>
public sealed class AfterCommitCallsTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly RecordingLogger<AfterCommitCalls> _log = new();
    private int _attempts;

    private AfterCommitCalls Calls => new(_clock, _log);

    private Func<Task> FailingTimes(int failures, Func<Exception> failure) => () =>
        Interlocked.Increment(ref _attempts) <= failures ? Task.FromException(failure()) : Task.CompletedTask;

    [Fact]
    public async Task A_call_that_fails_for_a_passing_reason_is_retried_after_the_backoff_until_it_lands()
    {
        var started = _clock.GetUtcNow();
        var sent = Calls.SendAsync("Customer waiting in the queue", Guid.NewGuid(), FailingTimes(2, () => new SiloUnavailableException("silo left")));

        Assert.Equal(1, _attempts);
        Assert.False(sent.IsCompleted, "the retry waits for the backoff delay");

        await Eventually.AdvanceUntilAsync(_clock, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => Task.FromResult(sent.IsCompleted), "the call lands");

        await sent;
        Assert.Equal(3, _attempts);
        Assert.True(_clock.GetUtcNow() - started >= AfterCommitCalls.Backoff[0] + AfterCommitCalls.Backoff[1], "each retry waited for its delay");
        Assert.DoesNotContain(_log.Entries, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task A_call_that_keeps_failing_is_given_up_after_the_last_backoff_and_logged_with_its_exception()
    {
        var failure = new TimeoutException("no answer");
        var started = _clock.GetUtcNow();
        var sent = Calls.SendAsync("Chat ended for the operator", Guid.NewGuid(), FailingTimes(int.MaxValue, () => failure));

        await Eventually.AdvanceUntilAsync(_clock, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), () => Task.FromResult(sent.IsCompleted), "the call is given up");

        await sent;
        Assert.Equal(AfterCommitCalls.Backoff.Count + 1, _attempts);
        Assert.True(_clock.GetUtcNow() - started >= AfterCommitCalls.Backoff.Aggregate(TimeSpan.Zero, (a, b) => a + b), "every retry waited for its delay");
        var error = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Same(failure, error.Exception);
        Assert.Contains("Chat ended for the operator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_that_fails_for_a_lasting_reason_is_logged_at_once_and_not_retried()
    {
        var failure = DomainException.Invalid("bad entry");

        await Calls.SendAsync("FAQ proposal", Guid.NewGuid(), FailingTimes(int.MaxValue, () => failure));

        Assert.Equal(1, _attempts);
        Assert.Same(failure, Assert.Single(_log.Entries, e => e.Level == LogLevel.Error).Exception);
    }
}
