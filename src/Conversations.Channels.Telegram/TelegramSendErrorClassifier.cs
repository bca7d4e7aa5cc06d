using System.Net;
using Conversations.Abstractions.Channels;
using Conversations.Channels.Delivery;
using Telegram.Bot.Exceptions;

namespace Conversations.Channels.Telegram;

/// <summary>
/// Telegram's send errors as delivery outcomes, by the Bot API's documented <c>error_code</c>: 429 waits
/// <c>parameters.retry_after</c>, 403 means the user blocked the bot, 5xx retries, any other API error is final;
/// a request that got no API answer (network, 5xx from a proxy, timeout status) retries.
/// </summary>
public sealed class TelegramSendErrorClassifier : ISendErrorClassifier
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Telegram;

    /// <inheritdoc />
    public DeliveryResult? Classify(Exception exception) => exception switch
    {
        ApiRequestException { ErrorCode: 429 } ex => DeliveryResult.Later(TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1)), $"429: {ex.Message}"),
        ApiRequestException { ErrorCode: 403 } ex => DeliveryResult.Blocked($"403: {ex.Message}"),
        ApiRequestException { ErrorCode: >= 500 } ex => DeliveryResult.Transient($"{ex.ErrorCode}: {ex.Message}"),
        ApiRequestException ex => DeliveryResult.Permanent($"{ex.ErrorCode}: {ex.Message}"),
        RequestException { HttpStatusCode: null or >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout } ex =>
            DeliveryResult.Transient($"network: {ex.Message}"),
        HttpRequestException ex => DeliveryResult.Transient($"network: {ex.Message}"),
        _ => null,
    };
}
