using Conversations.Persistence.Outbox;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Persistence.Tests;

public sealed class OutboxSignalTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Many_notifications_before_a_wait_are_one_wake_up()
    {
        var signal = new OutboxSignal();
        for (var i = 0; i < 1000; i++)
        {
            signal.Notify();
        }

        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(5), _time, CancellationToken.None));

        var second = signal.WaitAsync(TimeSpan.FromSeconds(5), _time, CancellationToken.None);
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(await second);
    }

    [Fact]
    public async Task A_notification_after_a_wake_up_wakes_the_next_wait()
    {
        var signal = new OutboxSignal();
        signal.Notify();
        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(5), _time, CancellationToken.None));

        var next = signal.WaitAsync(TimeSpan.FromSeconds(5), _time, CancellationToken.None);
        signal.Notify();
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_wait_with_nothing_notified_ends_at_its_deadline()
    {
        var signal = new OutboxSignal();
        var wait = signal.WaitAsync(_time.GetUtcNow().AddSeconds(2), _time, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
