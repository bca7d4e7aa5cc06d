using Conversations.Channels.Delivery;

namespace Conversations.Channels.Tests.Delivery;

public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_full_bucket_gives_its_capacity_at_once_then_says_how_long_until_the_next_token()
    {
        var bucket = new TokenBucket(perSecond: 2, capacity: 3, Start);

        var taken = Enumerable.Range(0, 3).Count(i => bucket.TryTake(Start, out _));
        var fourth = bucket.TryTake(Start, out var wait);

        Assert.Equal(3, taken);
        Assert.False(fourth);
        Assert.Equal(TimeSpan.FromSeconds(0.5), wait);
    }

    [Fact]
    public void Tokens_come_back_at_the_rate_and_never_beyond_the_capacity()
    {
        var bucket = new TokenBucket(perSecond: 1, capacity: 2, Start);
        bucket.TryTake(Start, out _);
        bucket.TryTake(Start, out _);

        var afterOneSecond = bucket.TryTake(Start.AddSeconds(1), out _);
        var rightAfter = bucket.TryTake(Start.AddSeconds(1), out _);
        var longIdle = Start.AddHours(1);
        var afterAnHour = Enumerable.Range(0, 5).Count(i => bucket.TryTake(longIdle, out _));

        Assert.True(afterOneSecond);
        Assert.False(rightAfter);
        Assert.Equal(2, afterAnHour);
    }

    [Fact]
    public void A_returned_token_can_be_taken_again_but_does_not_overfill()
    {
        var bucket = new TokenBucket(perSecond: 1, capacity: 1, Start);
        bucket.TryTake(Start, out _);

        bucket.Return();
        var again = bucket.TryTake(Start, out _);
        bucket.Return();
        bucket.Return();

        Assert.True(again);
        Assert.True(bucket.IsFull(Start));
        Assert.True(bucket.TryTake(Start, out _));
        Assert.False(bucket.TryTake(Start, out _));
    }

    [Fact]
    public void A_bucket_is_full_again_once_idle_long_enough()
    {
        var bucket = new TokenBucket(perSecond: 1, capacity: 3, Start);
        bucket.TryTake(Start, out _);

        Assert.False(bucket.IsFull(Start.AddMilliseconds(500)));
        Assert.True(bucket.IsFull(Start.AddSeconds(1)));
    }
}
