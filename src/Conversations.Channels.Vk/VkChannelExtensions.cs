using Conversations.Channels.Delivery;
using Conversations.Channels.Media;
using Conversations.Channels.Outbound;
using Conversations.Channels.Vk.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Channels.Vk;

/// <summary>Registers the VK gateway.</summary>
public static class VkChannelExtensions
{
    /// <summary>API client, mapper, classifier, sender, processor, connector and media source; settings from <c>Channels:Vk</c>.</summary>
    public static IServiceCollection AddVkChannel(this IServiceCollection services)
    {
        services.AddOptions<VkOptions>().BindConfiguration("Channels:Vk");
        // The community token travels in the form body; the client factory's loggers would still print URLs and headers.
        services.AddHttpClient(VkApiClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddHttpClient(VkMediaSource.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60)).UseOutboundUrlPolicy();
        services.AddSingleton<VkApiClient>();
        services.AddSingleton<VkUpdateMapper>();
        services.AddSingleton<VkSendErrorClassifier>();
        services.AddSingleton<ISendErrorClassifier>(sp => sp.GetRequiredService<VkSendErrorClassifier>());
        services.AddHttpClient(VkPhotoUploader.FetchClientName, client => client.Timeout = TimeSpan.FromSeconds(60)).UseOutboundUrlPolicy();
        services.AddSingleton<VkPhotoUploader>();
        services.AddSingleton<VkDocUploader>();
        services.AddSingleton<VkSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<VkSender>());
        services.AddSingleton<VkCallbackProcessor>();
        services.AddSingleton<VkConnector>();
        services.AddSingleton<IChannelMediaSource, VkMediaSource>();
        services.AddHostedService<VkLongPollService>();
        return services;
    }
}
