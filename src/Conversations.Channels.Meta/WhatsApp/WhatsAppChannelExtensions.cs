using Conversations.Channels.Delivery;
using Conversations.Channels.Media;
using Conversations.Channels.Meta.Graph;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conversations.Channels.Meta.WhatsApp;

/// <summary>Registers the WhatsApp Cloud API gateway.</summary>
public static class WhatsAppChannelExtensions
{
    /// <summary>The Graph client (settings from <c>Channels:Meta</c>), mapper, processor, classifier, sender, media source, connector and template sync.</summary>
    public static IServiceCollection AddWhatsAppChannel(this IServiceCollection services)
    {
        services.AddMetaGraph();
        services.AddSingleton<WhatsAppUpdateMapper>();
        services.AddSingleton<WhatsAppWebhookProcessor>();
        services.AddSingleton<WhatsAppSendErrorClassifier>();
        services.AddSingleton<ISendErrorClassifier>(sp => sp.GetRequiredService<WhatsAppSendErrorClassifier>());
        services.AddSingleton<WhatsAppSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<WhatsAppSender>());
        services.AddSingleton<WhatsAppMediaSource>();
        services.AddSingleton<IChannelMediaSource>(sp => sp.GetRequiredService<WhatsAppMediaSource>());
        services.AddSingleton<WhatsAppConnector>();
        services.AddSingleton<WhatsAppTemplateSync>();
        return services;
    }

    /// <summary>What Meta's three channels share: the options and the Graph API client (registered once).</summary>
    public static IServiceCollection AddMetaGraph(this IServiceCollection services)
    {
        services.AddOptions<MetaOptions>().BindConfiguration("Channels:Meta");
        // Media URLs from the Graph API carry signed query strings: the client factory's loggers would print them.
        services.AddHttpClient(GraphClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60)).RemoveAllLoggers();
        services.TryAddSingleton<GraphClient>();
        return services;
    }
}
