namespace Conversations.Api.Network;

/// <summary>
/// The reverse proxies (section <c>ForwardedHeaders</c>) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// the host believes. Empty (the default) believes nobody: anyone can write those headers, and a per-address limit
/// keyed by a header the caller chooses limits nothing.
/// </summary>
public sealed class TrustedProxyOptions
{
    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.7</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. the cluster's pod network <c>10.244.0.0/16</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
