using System.Net;
using Conversations.Abstractions.Channels;
using Conversations.Channels.Delivery;
using Conversations.Channels.Telegram;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Conversations.Channels.Tests.Delivery;

public sealed class TelegramSendErrorClassifierTests
{
    private readonly TelegramSendErrorClassifier _classifier = new();

    [Fact]
    public void It_classifies_telegram()
    {
        Assert.Equal(ChannelKind.Telegram, _classifier.Kind);
    }

    [Fact]
    public void A_429_waits_the_retry_after_telegram_gave()
    {
        var result = _classifier.Classify(new ApiRequestException("Too Many Requests: retry after 12", 429, new ResponseParameters { RetryAfter = 12 }));

        Assert.Equal(DeliveryOutcome.RetryAfter, result?.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(12), result?.RetryAfter);
        Assert.Equal("429: Too Many Requests: retry after 12", result?.Error);
    }

    [Fact]
    public void A_429_without_retry_after_waits_one_second()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), _classifier.Classify(new ApiRequestException("Too Many Requests", 429))?.RetryAfter);
    }

    [Fact]
    public void A_403_means_the_user_blocked_the_bot()
    {
        var result = _classifier.Classify(new ApiRequestException("Forbidden: bot was blocked by the user", 403));

        Assert.Equal(DeliveryOutcome.RecipientBlocked, result?.Outcome);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    public void Other_api_errors_are_final(int code)
    {
        Assert.Equal(DeliveryOutcome.Permanent, _classifier.Classify(new ApiRequestException("Bad Request: chat not found", code))?.Outcome);
    }

    [Fact]
    public void A_5xx_from_the_api_is_retried()
    {
        Assert.Equal(DeliveryOutcome.Transient, _classifier.Classify(new ApiRequestException("Internal Server Error", 500))?.Outcome);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public void A_request_that_got_no_api_answer_is_retried(HttpStatusCode status)
    {
        Assert.Equal(DeliveryOutcome.Transient, _classifier.Classify(new RequestException("no answer", status))?.Outcome);
    }

    [Fact]
    public void A_network_failure_is_retried()
    {
        Assert.Equal(DeliveryOutcome.Transient, _classifier.Classify(new HttpRequestException("Connection refused"))?.Outcome);
    }

    [Fact]
    public void An_exception_that_is_not_a_send_failure_is_left_to_propagate()
    {
        Assert.Null(_classifier.Classify(new InvalidOperationException("a bug")));
    }
}
