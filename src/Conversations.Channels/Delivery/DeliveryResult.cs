namespace Conversations.Channels.Delivery;

/// <summary>The outcome of one send attempt.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="ChannelMessageId">The channel's id of the sent message.</param>
/// <param name="RetryAfter">For <see cref="DeliveryOutcome.RetryAfter"/>: how long the channel asked us to wait.</param>
/// <param name="Error">What went wrong, for the delivery status.</param>
/// <param name="RecipientPaced">
/// For <see cref="DeliveryOutcome.RetryAfter"/>: the platform refused for the pace of sends to this recipient (WhatsApp
/// 131056), so the recipient is held off for <paramref name="RetryAfter"/> across the cluster, not only this message.
/// </param>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? ChannelMessageId = null, TimeSpan? RetryAfter = null, string? Error = null,
    bool RecipientPaced = false)
{
    /// <summary>Accepted by the channel.</summary>
    public static DeliveryResult Sent(string? channelMessageId) => new(DeliveryOutcome.Sent, channelMessageId);

    /// <summary>Rate limited by the channel.</summary>
    public static DeliveryResult Later(TimeSpan retryAfter, string error) => new(DeliveryOutcome.RetryAfter, RetryAfter: retryAfter, Error: error);

    /// <summary>A failure worth retrying.</summary>
    public static DeliveryResult Transient(string error) => new(DeliveryOutcome.Transient, Error: error);

    /// <summary>A failure not worth retrying.</summary>
    public static DeliveryResult Permanent(string error) => new(DeliveryOutcome.Permanent, Error: error);

    /// <summary>The customer blocked the bot.</summary>
    public static DeliveryResult Blocked(string error) => new(DeliveryOutcome.RecipientBlocked, Error: error);
}
