using Conversations.Channels.Delivery;
using Conversations.Channels.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Channels.Email;

/// <summary>Registers the e-mail gateway.</summary>
public static class EmailChannelExtensions
{
    /// <summary>Mapper, processor, classifier, sender, connector and the mailbox reader; settings from <c>Channels:Email</c>.</summary>
    public static IServiceCollection AddEmailChannel(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration("Channels:Email");
        if (!services.Any(service => service.ServiceType == typeof(OutboundUrlPolicy)))
        {
            // Mail hosts are tenants' entries, under the same policy as their webhook URLs (bound once, as UseOutboundUrlPolicy does).
            services.AddOptions<OutboundOptions>().BindConfiguration("Outbound");
            services.AddSingleton<OutboundUrlPolicy>();
        }

        services.AddSingleton<EmailMessageMapper>();
        services.AddSingleton<EmailFileIntake>();
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
