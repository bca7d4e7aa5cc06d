namespace Conversations.Api.Contracts.Channels;

/// <summary>The result of connecting a mailbox.</summary>
/// <param name="Account">The account (without secrets).</param>
/// <param name="InboundHookPath">The raw-MIME inbound hook of the mailbox (<c>/webhooks/email/{address}</c>), for an MTA that pushes mail.</param>
/// <param name="InboundHookSecret">The hook's HMAC-SHA256 key: shown this once, never again.</param>
public sealed record EmailConnection(ChannelAccount Account, string InboundHookPath, string InboundHookSecret);
