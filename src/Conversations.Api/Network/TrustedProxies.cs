using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conversations.Api.Network;

/// <summary>
/// The caller's address behind a proxy (an ingress controller): forwarded headers are applied only from the proxies
/// of <see cref="TrustedProxyOptions"/>, so per-address abuse limits see the visitor, not the ingress, and a visitor
/// cannot pick their own address by sending the header.
/// </summary>
public static class TrustedProxies
{
    /// <summary>Binds <c>ForwardedHeaders</c>; a malformed entry stops the start naming it.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>().BindConfiguration("ForwardedHeaders");
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) => Apply(forwarded, trusted.Value));
        return services;
    }

    /// <summary>Applies forwarded headers from trusted proxies (nothing when none is configured). Call it first in the pipeline.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>Fills <paramref name="forwarded"/> from <paramref name="trusted"/>.</summary>
    public static void Apply(ForwardedHeadersOptions forwarded, TrustedProxyOptions trusted)
    {
        // The framework trusts loopback by default; here only what is configured counts.
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        if (trusted.KnownProxies.Count == 0 && trusted.KnownNetworks.Count == 0)
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.None;
            return;
        }

        foreach (var proxy in trusted.KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new OptionsValidationException("ForwardedHeaders", typeof(TrustedProxyOptions), [$"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."]));
        }

        foreach (var network in trusted.KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new OptionsValidationException("ForwardedHeaders", typeof(TrustedProxyOptions), [$"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation (e.g. 10.244.0.0/16)."]));
        }

        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // Walk back through every trusted hop (a cloud load balancer, then the ingress) and stop at the first
        // address that is not a trusted proxy: that is the caller.
        forwarded.ForwardLimit = null;
    }
}
