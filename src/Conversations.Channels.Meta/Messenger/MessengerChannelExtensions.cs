using Conversations.Abstractions.Channels;
using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
using Conversations.Channels.Media;
using Conversations.Channels.Outbound;
using Conversations.Channels.Meta.Graph;
using Conversations.Channels.Meta.WhatsApp;
using Conversations.Persistence.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Channels.Meta.Messenger;

/// <summary>Registers the Messenger and Instagram gateways (one Messenger Platform implementation, two channel kinds).</summary>
public static class MessengerChannelExtensions
{
    /// <summary>Mapper, processor, and a classifier, sender and media source per kind, on the shared Graph client.</summary>
    public static IServiceCollection AddMessengerChannels(this IServiceCollection services)
    {
        services.AddMetaGraph();
        services.AddSingleton<MessengerUpdateMapper>();
        services.AddSingleton<MessengerWebhookProcessor>();
        services.AddSingleton<MessengerConnector>();
        foreach (var kind in new[] { ChannelKind.Messenger, ChannelKind.Instagram })
        {
            var classifier = new MessengerSendErrorClassifier(kind);
            services.AddSingleton<ISendErrorClassifier>(classifier);
            services.AddSingleton<IChannelSender>(sp => new MessengerSender(kind, sp.GetRequiredService<GraphClient>(), classifier, sp.GetRequiredService<ChannelAccountDisabler>(),
                sp.GetRequiredService<IMediaStore>()));
            services.AddSingleton<IChannelMediaSource>(sp => new MessengerMediaSource(kind, sp.GetRequiredService<IHttpClientFactory>()));
        }

        services.AddHttpClient(MessengerMediaSource.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60)).UseOutboundUrlPolicy();

        return services;
    }
}
