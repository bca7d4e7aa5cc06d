using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Conversations.Channels.Abuse;

/// <summary>
/// The partition of a caller's address for per-address limits: the connection's remote address (the proxy's, unless
/// the host trusts that proxy's forwarded headers), IPv6 by its /64 since one subscriber gets a whole /64.
/// </summary>
public static class ClientAddress
{
    /// <summary>The partition key of <paramref name="http"/>'s caller.</summary>
    public static string PartitionOf(HttpContext http) => PartitionOf(http.Connection.RemoteIpAddress);

    /// <summary>The partition key of <paramref name="address"/> (<c>unknown</c> when there is none, as with in-memory test servers).</summary>
    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
