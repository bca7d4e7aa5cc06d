using Conversations.Channels.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Channels.Email;

/// <summary>Registers the e-mail gateway.</summary>
public static class EmailChannelExtensions
{
    /// <summary>Mapper, processor, classifier, sender, connector and the mailbox reader; settings from <c>Channels:Email</c>.</summary>
    public static IServiceCollection AddEmailChannel(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration("Channels:Email");
        services.AddSingleton<EmailMessageMapper>();
        services.AddSingleton<EmailInboundProcessor>();
        services.AddSingleton<EmailSendErrorClassifier>();
        services.AddSingleton<ISendErrorClassifier>(sp => sp.GetRequiredService<EmailSendErrorClassifier>());
        services.AddSingleton<EmailSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<EmailSender>());
        services.AddSingleton<EmailConnector>();
        services.AddHostedService<EmailMailboxReader>();
        return services;
    }
}
