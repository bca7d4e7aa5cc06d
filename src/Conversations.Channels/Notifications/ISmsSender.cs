using Conversations.Channels.Delivery;

namespace Conversations.Channels.Notifications;

/// <summary>
/// Sends an SMS through a provider. The platform ships <see cref="WebhookSmsSender"/> (a signed call to the tenant's
/// webhook, which relays it through the business's own provider); register another implementation to send through an
/// SMS provider's API directly.
/// </summary>
public interface ISmsSender
{
    /// <summary>Sends <paramref name="sms"/>; the result says whether a retry may help.</summary>
    Task<DeliveryResult> SendAsync(SmsMessage sms, CancellationToken cancellationToken);
}
