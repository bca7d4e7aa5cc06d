using Conversations.Abstractions.Channels;
using Conversations.Channels.Delivery;
using Conversations.Channels.Vk.Api;

namespace Conversations.Channels.Vk;

/// <summary>
/// VK's send errors as delivery outcomes, by the documented <c>error_code</c> (dev.vk.com/reference/errors,
/// vk-api-schema errors.json and the errors messages.send lists): 901 (no permission to write to this user, until
/// they allow it: message_allow), 900 (the user blacklisted the community) and 902 (their privacy settings) mean the
/// customer cannot be written to; 6 (too many requests per second) waits a second, 9 (flood control: too many
/// identical actions) a minute; 1 (unknown) and 10 (internal server error) retry with backoff; 5 and 27 (token
/// refused) and every other error, 914 (message too long) among them, are final, as is a file VK's upload server
/// refused. Transport failures retry.
/// </summary>
public sealed class VkSendErrorClassifier : ISendErrorClassifier
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Vk;

    /// <inheritdoc />
    public DeliveryResult? Classify(Exception exception) => exception switch
    {
        VkApiException { ErrorCode: 901 } ex => DeliveryResult.Blocked($"901: the customer has not allowed messages from the community ({ex.Message})"),
        VkApiException { ErrorCode: 900 or 902 } ex => DeliveryResult.Blocked($"{ex.ErrorCode}: {ex.Message}"),
        VkApiException { ErrorCode: 6 } ex => DeliveryResult.Later(TimeSpan.FromSeconds(1), $"6: {ex.Message}"),
        VkApiException { ErrorCode: 9 } ex => DeliveryResult.Later(TimeSpan.FromMinutes(1), $"9: {ex.Message}"),
        VkApiException { ErrorCode: 1 or 10 } ex => DeliveryResult.Transient($"{ex.ErrorCode}: {ex.Message}"),
        VkApiException { ErrorCode: 5 or 27 } ex => DeliveryResult.Permanent($"{ex.ErrorCode}: VK refused the community token; reconnect the community ({ex.Message})"),
        VkApiException ex => DeliveryResult.Permanent($"{ex.ErrorCode}: {ex.Message}"),
        VkUploadRefusedException ex => DeliveryResult.Permanent(ex.Message),
        _ => SendFailures.FromTransport(exception),
    };
}
