using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;

namespace Conversations.Channels.Notifications;

/// <summary>Delivers outbox items of <see cref="ChannelKind.NotificationSms"/> (one-time codes) through the registered <see cref="ISmsSender"/>.</summary>
public sealed class SmsNotificationSender(ISmsSender sms) : IChannelSender
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.NotificationSms;

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken) =>
        message.Content is NotificationContent notification
            ? sms.SendAsync(new SmsMessage(message.TenantId, message.MessageId, message.To.ChatId, notification.Body), cancellationToken)
            : Task.FromResult(DeliveryResult.Permanent("Only notifications are sent by SMS."));
}
