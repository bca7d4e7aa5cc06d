using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Outbound;

/// <summary>
/// Which addresses tenant-configured URLs (notification webhooks, scenario HTTP steps, later event webhooks) may reach:
/// public unicast addresses, plus what <see cref="OutboundOptions"/> allows. The check that protects is
/// <see cref="ConnectAsync"/>, run on the address actually connected to (after DNS, so a name that resolves to a private
/// address, or changes its answer between a check and the connection, gains nothing); <see cref="ProblemWith"/> refuses
/// obvious cases when the URL is saved.
/// </summary>
public sealed class OutboundUrlPolicy
{
    // Not public: "this" network, RFC 1918, CGNAT (RFC 6598), loopback, link-local (cloud metadata at 169.254.169.254),
    // IETF protocol assignments, documentation, benchmarking, multicast, reserved and broadcast.
    private static readonly IPNetwork[] RefusedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
    ];

    // Not public: unspecified, loopback and the deprecated IPv4-compatible block (::/96), discard-only, documentation,
    // 6to4 (2002::/16, which tunnels to any IPv4 address), unique local (fc00::/7), link-local, site-local, multicast.
    // IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) addresses are judged by the IPv4 address they carry.
    private static readonly IPNetwork[] RefusedV6 =
    [
        IPNetwork.Parse("::/96"), IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("2002::/16"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly HashSet<string> _allowedHosts;
    private readonly IPNetwork[] _allowedNetworks;

    /// <summary>Creates the policy with the platform's exceptions.</summary>
    public OutboundUrlPolicy(IOptions<OutboundOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowedHosts = new HashSet<string>(options.Value.AllowedHosts.Select(h => h.Trim().TrimEnd('.')), StringComparer.OrdinalIgnoreCase);
        _allowedNetworks = [.. options.Value.AllowedNetworks.Select(ParseNetwork)];
    }

    /// <summary>True when <paramref name="address"/> is a public unicast address (IPv4-mapped and NAT64 forms judged by their IPv4 address).</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            address = new IPAddress(address.GetAddressBytes()[12..]);
        }

        var refused = address.AddressFamily == AddressFamily.InterNetwork ? RefusedV4 : RefusedV6;
        return !refused.Any(network => network.Contains(address)) && !address.Equals(IPAddress.Broadcast);
    }

    /// <summary>True when the policy lets a connection go to <paramref name="address"/>.</summary>
    public bool Allows(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return IsPublic(plain) || _allowedNetworks.Any(network => network.Contains(plain));
    }

    /// <summary>True when <paramref name="host"/> is allow-listed by name (it may then resolve to any address).</summary>
    public bool AllowsHost(string host) => _allowedHosts.Contains(host.TrimEnd('.'));

    /// <summary>
    /// Why <paramref name="url"/> cannot be saved (a literal address or a local name the policy refuses), or null. A name
    /// that resolves to a private address passes here; the connection is refused when it is made.
    /// </summary>
    public string? ProblemWith(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || AllowsHost(uri.IdnHost))
        {
            return null;
        }

        var host = uri.IdnHost.Trim('[', ']');
        var refused = IPAddress.TryParse(host, out var address)
            ? !Allows(address)
            : host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        if (refused)
        {
            return $"'{uri.Host}' is a loopback, private, link-local or reserved address; only public addresses can be reached.";
        }

        return null;
    }

    /// <summary>
    /// The connection callback of <see cref="SocketsHttpHandler"/>: resolves the host, keeps the addresses the policy
    /// allows, and connects to one of them, so the address checked is the address used.
    /// </summary>
    /// <exception cref="OutboundAddressRefusedException">No address of the host is allowed.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!AllowsHost(host))
        {
            addresses = [.. addresses.Where(Allows)];
        }

        if (addresses.Length == 0)
        {
            throw new OutboundAddressRefusedException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static IPNetwork ParseNetwork(string cidr) =>
        IPNetwork.TryParse(cidr.Trim(), out var network)
            ? network
            : throw new OptionsValidationException(nameof(OutboundOptions), typeof(OutboundOptions),
                [$"Outbound:AllowedNetworks: '{cidr}' is not a network in CIDR notation (e.g. 10.0.0.0/8)."]);
}
