using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Channels.Delivery;
using Conversations.Channels.Outbound;

namespace Conversations.Channels.Notifications;

/// <summary>
/// POSTs a business notification as JSON to the tenant's webhook URL, signed (see <see cref="WebhookSignature"/>), through
/// a client under the <see cref="OutboundUrlPolicy"/> (the URL is the tenant's, so it must not reach our own network).
/// </summary>
public sealed class WebhookNotificationSender(IHttpClientFactory httpClients, IGrainFactory grains, TimeProvider time) : IChannelSender
{
    /// <summary>Name of the HTTP client.</summary>
    public const string HttpClientName = "business-webhooks";

    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.NotificationWebhook;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Content is not NotificationContent notification)
        {
            return DeliveryResult.Permanent("Only notifications are sent to webhooks.");
        }

        var settings = await grains.GetGrain<ITenantGrain>(message.TenantId).GetSettingsAsync();
        if (string.IsNullOrEmpty(settings.WebhookSecret))
        {
            return DeliveryResult.Permanent("The tenant has no webhook secret; save the webhook URL again to create one.");
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = WebhookSignature.SignedPost(message.To.ChatId, settings.WebhookSecret, timestamp, notification.Json, notification.Event, message.MessageId);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? DeliveryResult.Sent(null)
                : SendFailures.FromStatus((int)response.StatusCode, $"{(int)response.StatusCode} from the webhook",
                    response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(30));
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundAddressRefusedException refused)
        {
            // Retrying cannot help: the URL must change (or the platform must allow-list it, see Outbound:*).
            return DeliveryResult.Permanent(refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Transient($"network: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient("the webhook did not answer in time");
        }
    }
}
