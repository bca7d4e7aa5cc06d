using System.Net;
using System.Threading.RateLimiting;
using Conversations.Abstractions.Common.RateLimiting;
using Conversations.Channels.Abuse;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Tests.Abuse;

public sealed class AbuseLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    private AbuseLimiter Limiter(Action<AbuseLimitOptions>? configure = null)
    {
        var options = new AbuseLimitOptions { WidgetMessagesPerVisitor = RateLimitSetting.Of(3, 6) }; // 3 at once, one every 10 s
        configure?.Invoke(options);
        return new AbuseLimiter(Options.Create(options), _time);
    }

    [Fact]
    public void A_partition_gets_its_burst_then_a_refusal_saying_when_the_next_token_comes()
    {
        using var limiter = Limiter();

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-a"));
        }

        _time.Advance(TimeSpan.FromSeconds(4));
        var refused = limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-a");

        Assert.NotNull(refused);
        Assert.Equal(AbuseLimit.WidgetMessagesPerVisitor, refused.Limit);
        // One token every 10 s, 4 s of which have passed: 6 s to go.
        Assert.Equal(6, refused.RetryAfter.TotalSeconds, precision: 6);
        Assert.Equal(6, refused.RetryAfterSeconds);
        Assert.Equal("widget.message", refused.Surface);
    }

    [Fact]
    public void A_refused_partition_is_allowed_again_once_the_clock_has_refilled_a_token()
    {
        using var limiter = Limiter();
        for (var i = 0; i < 3; i++)
        {
            limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-a");
        }

        var refused = limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-a")!;
        _time.Advance(refused.RetryAfter - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-a"));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-a"));
        Assert.NotNull(limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-a"));
    }

    [Fact]
    public void Other_partitions_and_other_limits_are_unaffected_by_an_exhausted_one()
    {
        using var limiter = Limiter(options => options.WidgetMessagesPerIp = RateLimitSetting.Of(1, 1));
        for (var i = 0; i < 3; i++)
        {
            limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-a");
        }

        Assert.NotNull(limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-a"));
        Assert.Null(limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-b"));
        Assert.Null(limiter.TryAcquire(AbuseLimit.WidgetMessagesPerIp, "visitor-a"));
    }

    [Fact]
    public void A_full_bucket_does_not_save_up_more_than_its_burst()
    {
        using var limiter = Limiter();

        _time.Advance(TimeSpan.FromHours(1));

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-a"));
        }

        Assert.NotNull(limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-a"));
    }

    [Fact]
    public void Disabled_limits_refuse_nothing()
    {
        using var limiter = Limiter(options => options.Enabled = false);

        for (var i = 0; i < 100; i++)
        {
            Assert.Null(limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "visitor-a"));
        }
    }

    [Fact]
    public void The_defaults_let_a_fast_typing_visitor_through_and_stop_a_script()
    {
        using var limiter = new AbuseLimiter(Options.Create(new AbuseLimitOptions()), _time);

        // A person: ten messages in ten seconds, then one every three seconds for five minutes.
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "person"));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        for (var i = 0; i < 100; i++)
        {
            Assert.Null(limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "person"));
            _time.Advance(TimeSpan.FromSeconds(3));
        }

        // The probe's script: 150 messages in 0.4 s.
        var refused = Enumerable.Range(0, 150).Count(_ => limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, "script") is not null);
        Assert.Equal(150 - 20, refused);
    }

    [Fact]
    public void A_limit_below_one_is_named_by_the_options_check()
    {
        var options = new AbuseLimitOptions { TelegramUpdatesPerBot = RateLimitSetting.Of(0, 10) };

        Assert.Equal(["AbuseLimits:TelegramUpdatesPerBot: Burst and PerMinute must both be at least 1."], options.Problems());
        Assert.Empty(new AbuseLimitOptions().Problems());
    }

    [Fact]
    public void The_bucket_reports_retry_after_as_rate_limiter_metadata()
    {
        using var bucket = new ClockTokenBucket(1, 1.0, _time);

        using var granted = bucket.AttemptAcquire();
        using var refused = bucket.AttemptAcquire();

        Assert.True(granted.IsAcquired);
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Addresses_are_partitioned_by_ipv4_address_or_ipv6_slash_64(string address, string partition)
    {
        Assert.Equal(partition, ClientAddress.PartitionOf(IPAddress.Parse(address)));
    }
}
