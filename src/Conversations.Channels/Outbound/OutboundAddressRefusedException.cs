namespace Conversations.Channels.Outbound;

/// <summary>
/// A tenant-configured URL led to an address the outbound policy refuses (loopback, private, link-local...). Thrown from
/// the connection callback, so it reaches callers as the inner exception of an <see cref="HttpRequestException"/>.
/// </summary>
public sealed class OutboundAddressRefusedException : IOException
{
    /// <summary>Creates the exception for <paramref name="host"/>.</summary>
    public OutboundAddressRefusedException(string host)
        : base($"'{host}' resolves only to addresses that are not public (loopback, private, link-local or reserved); the outbound policy refuses them.")
    {
        Host = host;
    }

    /// <summary>The host that was refused.</summary>
    public string Host { get; }
}
