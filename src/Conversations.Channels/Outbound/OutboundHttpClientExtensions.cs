using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Channels.Outbound;

/// <summary>Puts an HTTP client under the <see cref="OutboundUrlPolicy"/>.</summary>
public static class OutboundHttpClientExtensions
{
    /// <summary>
    /// The client connects only where <see cref="OutboundUrlPolicy"/> allows, follows no redirects (a redirect could lead
    /// anywhere; the caller sees the 3xx) and ignores proxy settings (through a proxy, the address checked would be the
    /// proxy's), and is not logged by the client factory (the URL may hold the tenant's credentials). Registers the policy (settings from <c>Outbound</c>) if needed.
    /// </summary>
    public static IHttpClientBuilder UseOutboundUrlPolicy(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Services.Any(service => service.ServiceType == typeof(OutboundUrlPolicy)))
        {
            // Bound once: binding again would append the configured lists a second time.
            builder.Services.AddOptions<OutboundOptions>().BindConfiguration("Outbound");
            builder.Services.AddSingleton<OutboundUrlPolicy>();
        }

        // Tenants' URLs may carry credentials in the path or query: the client factory's loggers would print them.
        return builder.RemoveAllLoggers().ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = services.GetRequiredService<OutboundUrlPolicy>().ConnectAsync,
        });
    }
}
