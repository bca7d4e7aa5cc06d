using System.Net;
using System.Net.Sockets;

namespace Conversations.Channels.Delivery;

/// <summary>
/// What every channel's classifier shares: HTTP statuses and transport failures mapped to outcomes, by type and
/// status code only.
/// </summary>
public static class SendFailures
{
    /// <summary>
    /// The outcome of an HTTP error status from a platform: 429 waits (<paramref name="retryAfter"/>, else a second),
    /// 408 and 5xx retry with backoff, anything else is refused for good. Channels that signal "recipient blocked"
    /// recognise that before calling this.
    /// </summary>
    public static DeliveryResult FromStatus(int status, string error, TimeSpan? retryAfter = null) => status switch
    {
        429 => DeliveryResult.Later(retryAfter is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1), error),
        408 or >= 500 => DeliveryResult.Transient(error),
        _ => DeliveryResult.Permanent(error),
    };

    /// <summary>
    /// A failure to reach the platform at all (connection refused or reset, DNS, timeout, a response cut off): worth
    /// retrying. Null for any other exception.
    /// </summary>
    public static DeliveryResult? FromTransport(Exception exception, CancellationToken cancellationToken = default) => exception switch
    {
        HttpRequestException { StatusCode: null or >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout } http =>
            DeliveryResult.Transient($"network: {http.Message}"),
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } http => DeliveryResult.Later(TimeSpan.FromSeconds(1), $"429: {http.Message}"),
        HttpRequestException { StatusCode: { } status } http => DeliveryResult.Permanent($"{(int)status}: {http.Message}"),
        TaskCanceledException or TimeoutException when !cancellationToken.IsCancellationRequested =>
            DeliveryResult.Transient("the platform did not answer in time"),
        IOException or SocketException => DeliveryResult.Transient($"network: {exception.Message}"),
        _ => null,
    };
}
