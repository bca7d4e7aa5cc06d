using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
using Conversations.Channels.EventsOut;
using Conversations.Channels.Media;
using Conversations.Channels.Notifications;
using Conversations.Channels.Outbound;
using Conversations.Channels.TokenSigning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Conversations.Persistence.Media;

namespace Conversations.Channels;

/// <summary>Registers what all channels share.</summary>
public static class ChannelsServiceCollectionExtensions
{
    /// <summary>
    /// What every channel needs on every silo: the account cache; the outbox dispatcher, which delivers through each
    /// channel's <see cref="IChannelSender"/> at the rates of the channel catalogue (settings from
    /// <c>Channels:Delivery</c>) and its backlog gauges; the media intake and the background fetcher of customers' files
    /// (<c>Conversations:Media</c> limits, <c>Channels:MediaFetch</c>); the senders of business notifications; and the key visitor and
    /// operator tokens are signed with.
    /// </summary>
    public static IServiceCollection AddChannelDelivery(this IServiceCollection services)
    {
        services.TryAddSingleton<ChannelAccountCache>();
        services.TryAddSingleton<Linking.ContinueLinkIssuer>();
        services.TryAddSingleton<ChannelAccountDisabler>();
        services.TryAddSingleton<SigningKeyProvider>();

        services.AddOptions<DeliveryOptions>().BindConfiguration("Channels:Delivery");
        services.TryAddSingleton<DeliveryShare>();
        services.TryAddSingleton<DeliveryPacer>();
        services.TryAddSingleton<RecipientPace>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<OutboxBacklogMonitor>();

        services.AddOptions<MediaOptions>().BindConfiguration("Conversations:Media");
        services.AddOptions<MediaFetchOptions>().BindConfiguration("Channels:MediaFetch");
        services.TryAddSingleton<MediaIntake>();
        services.TryAddSingleton<MediaLinkSigner>();
        services.AddHostedService<MediaFetcher>();
        services.AddHostedService<MediaRetentionJob>();

        services.AddOptions<SmtpOptions>().BindConfiguration("Notifications:Smtp");
        services.AddHttpClient(WebhookNotificationSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .UseOutboundUrlPolicy();
        services.AddSingleton<IChannelSender, EmailNotificationSender>();
        services.AddSingleton<WebhookNotificationSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<WebhookNotificationSender>());
        // One-time codes by SMS: through the tenant's webhook unless the host registered another ISmsSender first.
        services.TryAddSingleton<ISmsSender, WebhookSmsSender>();
        services.AddSingleton<IChannelSender, SmsNotificationSender>();

        // Events out: queued from committed history by the feed, delivered signed by the dispatcher (Conversations:Webhooks).
        services.AddOptions<WebhookOptions>().BindConfiguration("Conversations:Webhooks");
        services.TryAddSingleton<WebhookEventFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookEventFeed>());
        services.TryAddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
