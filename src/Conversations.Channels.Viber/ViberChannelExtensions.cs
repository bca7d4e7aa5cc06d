using Conversations.Channels.Delivery;
using Conversations.Channels.Media;
using Conversations.Channels.Outbound;
using Conversations.Channels.Viber.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Channels.Viber;

/// <summary>Registers the Viber gateway.</summary>
public static class ViberChannelExtensions
{
    /// <summary>API client, mapper, classifier, sender, processor, connector and media source; settings from <c>Channels:Viber</c>.</summary>
    public static IServiceCollection AddViberChannel(this IServiceCollection services)
    {
        services.AddOptions<ViberOptions>().BindConfiguration("Channels:Viber");
        // The token travels in the X-Viber-Auth-Token header, which the client factory's loggers would print.
        services.AddHttpClient(ViberApiClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddHttpClient(ViberMediaSource.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60)).UseOutboundUrlPolicy();
        services.AddSingleton<ViberApiClient>();
        services.AddSingleton<ViberUpdateMapper>();
        services.AddSingleton<ViberSendErrorClassifier>();
        services.AddSingleton<ISendErrorClassifier>(sp => sp.GetRequiredService<ViberSendErrorClassifier>());
        services.AddSingleton<ViberStoredMedia>();
        services.AddSingleton<ViberSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<ViberSender>());
        services.AddSingleton<ViberCallbackProcessor>();
        services.AddSingleton<ViberConnector>();
        services.AddSingleton<IChannelMediaSource, ViberMediaSource>();
        return services;
    }
}
