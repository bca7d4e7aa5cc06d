namespace Conversations.Channels.Outbound;

/// <summary>
/// Exceptions to the outbound URL policy for tenant-configured URLs (section <c>Outbound</c>): on-premises
/// installations whose CRM or webhook receiver lives on a private network list it here. Empty by default: only public
/// addresses are reached.
/// </summary>
public sealed class OutboundOptions
{
    /// <summary>Host names (exact, case-insensitive) that may be reached whatever addresses they resolve to, e.g. <c>crm.intranet</c>.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Networks in CIDR notation that may be reached although not public, e.g. <c>10.20.0.0/16</c> or <c>127.0.0.1/32</c>.</summary>
    public List<string> AllowedNetworks { get; set; } = [];
}
