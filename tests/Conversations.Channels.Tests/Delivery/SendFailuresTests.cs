using System.Net;
using System.Net.Sockets;
using Conversations.Channels.Delivery;

namespace Conversations.Channels.Tests.Delivery;

public sealed class SendFailuresTests
{
    [Theory]
    [InlineData(429, DeliveryOutcome.RetryAfter)]
    [InlineData(408, DeliveryOutcome.Transient)]
    [InlineData(500, DeliveryOutcome.Transient)]
    [InlineData(503, DeliveryOutcome.Transient)]
    [InlineData(400, DeliveryOutcome.Permanent)]
    [InlineData(401, DeliveryOutcome.Permanent)]
    [InlineData(404, DeliveryOutcome.Permanent)]
    public void An_http_status_is_classified_by_its_code(int status, DeliveryOutcome expected)
    {
        Assert.Equal(expected, SendFailures.FromStatus(status, "error").Outcome);
    }

    [Fact]
    public void A_429_waits_as_long_as_the_platform_asked_or_a_second_when_it_did_not_say()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), SendFailures.FromStatus(429, "slow down", TimeSpan.FromSeconds(7)).RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), SendFailures.FromStatus(429, "slow down").RetryAfter);
    }

    public static TheoryData<Exception, DeliveryOutcome> TransportFailures() => new()
    {
        { new HttpRequestException("Connection refused"), DeliveryOutcome.Transient },
        { new HttpRequestException("Bad gateway", null, HttpStatusCode.BadGateway), DeliveryOutcome.Transient },
        { new HttpRequestException("Too many", null, HttpStatusCode.TooManyRequests), DeliveryOutcome.RetryAfter },
        { new HttpRequestException("Bad request", null, HttpStatusCode.BadRequest), DeliveryOutcome.Permanent },
        { new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"), DeliveryOutcome.Transient },
        { new TimeoutException(), DeliveryOutcome.Transient },
        { new IOException("The response ended prematurely."), DeliveryOutcome.Transient },
        { new SocketException((int)SocketError.ConnectionReset), DeliveryOutcome.Transient },
    };

    [Theory]
    [MemberData(nameof(TransportFailures))]
    public void A_transport_failure_is_recognised_by_its_type(Exception failure, DeliveryOutcome expected)
    {
        Assert.Equal(expected, SendFailures.FromTransport(failure)?.Outcome);
    }

    [Fact]
    public void A_cancellation_we_asked_for_is_not_a_failure_of_the_platform()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        Assert.Null(SendFailures.FromTransport(new TaskCanceledException(), stop.Token));
    }

    [Fact]
    public void Whatever_else_is_left_to_propagate()
    {
        Assert.Null(SendFailures.FromTransport(new InvalidOperationException("a bug")));
        // The text says "timeout", the type does not: text is never read.
        Assert.Null(SendFailures.FromTransport(new InvalidOperationException("Timeout while connecting")));
    }
}
