using System.Net;
using System.Net.Sockets;

namespace Conversations.Testing;

/// <summary>Free loopback ports for silos started side by side in one test run.</summary>
public static class FreePorts
{
    /// <summary>A port nothing listens on right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
