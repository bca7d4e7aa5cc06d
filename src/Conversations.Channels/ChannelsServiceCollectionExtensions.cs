using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
using Conversations.Channels.Notifications;
using Conversations.Channels.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conversations.Channels;

/// <summary>Registers what all channels share.</summary>
public static class ChannelsServiceCollectionExtensions
{
    /// <summary>The account cache and the outbox dispatcher; delivery settings from <c>Channels:Delivery</c>.</summary>
    public static IServiceCollection AddChannelDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration("Channels:Delivery");
        services.TryAddSingleton<ChannelAccountCache>();
        services.TryAddSingleton<SigningKeyProvider>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<OutboxBacklogMonitor>();
        services.AddOptions<SmtpOptions>().BindConfiguration("Notifications:Smtp");
        services.AddHttpClient(WebhookNotificationSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IChannelSender, EmailNotificationSender>();
        services.AddSingleton<IChannelSender, WebhookNotificationSender>();
        return services;
    }
}
