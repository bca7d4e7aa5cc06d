using Conversations.Abstractions.Channels;
using Conversations.Channels.Delivery;
using Conversations.Channels.Viber.Api;

namespace Conversations.Channels.Viber;

/// <summary>
/// Viber's send statuses as delivery outcomes, by the documented <c>status</c> (developers.viber.com/docs/api/rest-bot-api/#error-codes):
/// 6 (receiver not subscribed: they unsubscribed, or never wrote) and 5 (receiver not registered to Viber) mean the
/// customer cannot be written to; 11 (the receiver's device or Viber version cannot take bot messages) and 13 (no
/// device of theirs reaches the message's min_api_version) are final for this message; 12 (rate control breach:
/// Viber's documented cap is 100 messages an hour to a user who has not replied) waits <see cref="TooManyRequestsWait"/>;
/// 2, 7, 8, 9 and 15 (the token or the bot account itself is refused: <see cref="RefusesAccount"/>) are final, and the
/// sender disables the account; 1, 3, 4, 10, 14 and 16–19 (our request or setup is wrong) are final; any other status
/// (Viber's "general error") retries with backoff. Transport failures retry.
/// </summary>
public sealed class ViberSendErrorClassifier : ISendErrorClassifier
{
    /// <summary>How long a send refused with status 12 waits before the next try.</summary>
    public static readonly TimeSpan TooManyRequestsWait = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Viber;

    /// <summary>True for the statuses that say the token or the bot account is refused (2, 7, 8, 9, 15).</summary>
    public static bool RefusesAccount(int status) => status is ViberStatus.InvalidAuthToken or ViberStatus.PublicAccountBlocked
        or ViberStatus.PublicAccountNotFound or ViberStatus.PublicAccountSuspended or ViberStatus.PublicAccountNotAuthorized;

    /// <inheritdoc />
    public DeliveryResult? Classify(Exception exception) => exception switch
    {
        ViberApiException { Status: ViberStatus.ReceiverNotSubscribed or ViberStatus.ReceiverNotRegistered } ex =>
            DeliveryResult.Blocked($"{ex.Status} {ex.StatusMessage}: the customer is not subscribed to the bot (they unsubscribed) and cannot be written to until they write again"),
        ViberApiException { Status: ViberStatus.TooManyRequests } ex => DeliveryResult.Later(TooManyRequestsWait, $"12 {ex.StatusMessage}: Viber's rate control"),
        ViberApiException ex when RefusesAccount(ex.Status) =>
            DeliveryResult.Permanent($"{ex.Status} {ex.StatusMessage}: Viber refused the bot's token or account; the account is disabled until it is connected again"),
        ViberApiException { Status: >= ViberStatus.InvalidUrl and <= ViberStatus.CannotSendBroadcast } ex => DeliveryResult.Permanent($"{ex.Status} {ex.StatusMessage}"),
        ViberApiException ex => DeliveryResult.Transient($"{ex.Status} {ex.StatusMessage}"),
        _ => SendFailures.FromTransport(exception),
    };
}
