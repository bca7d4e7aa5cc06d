using Conversations.Channels.Abuse;
using Conversations.Channels.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Channels.Widget;

/// <summary>Registers the widget channel.</summary>
public static class WidgetChannelExtensions
{
    /// <summary>The CORS policy of the visitor API: any site may embed the widget (visitors authenticate with their token, no cookies).</summary>
    public const string CorsPolicy = "widget";

    /// <summary>Tokens, mapper, sender, abuse limits and CORS.</summary>
    public static IServiceCollection AddWidgetChannel(this IServiceCollection services)
    {
        services.AddSingleton<WidgetVisitorTokens>();
        services.AddSingleton<WidgetUpdateMapper>();
        services.AddSingleton<WidgetConnector>();
        services.AddSingleton<WidgetMediaLinks>();
        services.AddSingleton<IChannelSender, WidgetSender>();
        services.AddAbuseLimits();
        // Retry-After is not a CORS-safelisted response header: exposed, the widget on a tenant's site can honour a 429.
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "POST").WithExposedHeaders("Content-Type", "Retry-After")));
        return services;
    }
}
