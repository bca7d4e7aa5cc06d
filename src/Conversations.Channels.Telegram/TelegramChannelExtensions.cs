using Conversations.Channels.Abuse;
using Conversations.Channels.Delivery;
using Conversations.Channels.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Channels.Telegram;

/// <summary>Registers the Telegram gateway.</summary>
public static class TelegramChannelExtensions
{
    /// <summary>Mapper, sender, media source, processor, polling, the connector and the webhook's abuse limit; settings from <c>Channels:Telegram</c>.</summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration("Channels:Telegram");
        // The Bot API's URLs carry the bot token (/bot<token>/sendMessage): the client factory's loggers would print it.
        services.AddHttpClient(TelegramClientFactory.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60))
            .RemoveAllLoggers();
        services.AddSingleton<TelegramClientFactory>();
        services.AddSingleton<TelegramUpdateMapper>();
        services.AddSingleton<TelegramSendErrorClassifier>();
        services.AddSingleton<ISendErrorClassifier>(sp => sp.GetRequiredService<TelegramSendErrorClassifier>());
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<TelegramSender>());
        services.AddSingleton<IChannelMediaSource, TelegramMediaSource>();
        services.AddSingleton<TelegramUpdateProcessor>();
        services.AddSingleton<TelegramConnector>();
        services.AddHostedService<TelegramPollingService>();
        services.AddAbuseLimits();
        return services;
    }
}
