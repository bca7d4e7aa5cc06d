using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Channels.Delivery;

namespace Conversations.Channels.Notifications;

/// <summary>
/// The SMS sender that needs no outside service: POSTs <c>{"event":"sms.send","to","text","messageId"}</c> to the
/// tenant's notification webhook URL, signed like every business webhook (<see cref="WebhookSignature"/>), for the
/// business to hand to its SMS provider. Without a webhook URL the SMS fails permanently with that reason.
/// </summary>
public sealed class WebhookSmsSender(WebhookNotificationSender webhooks, IGrainFactory grains) : ISmsSender
{
    /// <summary>The <c>event</c> of the webhook call (also its <c>X-Conversations-Event</c> header).</summary>
    public const string Event = "sms.send";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(SmsMessage sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var url = (await grains.GetGrain<ITenantGrain>(sms.TenantId).GetSettingsAsync()).NotificationWebhookUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            return DeliveryResult.Permanent("SMS goes through the tenant's notification webhook, and the tenant has none.");
        }

        var body = JsonSerializer.Serialize(new { @event = Event, to = sms.To, text = sms.Text, messageId = sms.MessageId.ToString("N") }, Json);
        var account = sms.TenantId.ToString("N");
        var call = new OutboundMessage(sms.MessageId, sms.TenantId, Guid.Empty, new ChannelAddress(ChannelKind.NotificationWebhook, account, url),
            new NotificationContent(Event, Event, Event, body), 0, false, MessageDirection.System);
        var notifications = new ChannelAccount(new ChannelAccountKey(ChannelKind.NotificationWebhook, account), sms.TenantId, "notifications", InboundMode.Webhook, null, null, true);
        return await webhooks.SendAsync(notifications, call, cancellationToken);
    }
}
