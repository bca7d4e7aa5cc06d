using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Email;

/// <summary>The result of connecting a mailbox.</summary>
/// <param name="Account">The account (without secrets).</param>
/// <param name="InboundHookPath">The path of the raw-MIME inbound hook of this mailbox (<c>/webhooks/email/{address}</c>).</param>
/// <param name="InboundHookSecret">The HMAC-SHA256 key of the hook; shown once, here, and never again.</param>
public sealed record EmailConnection(ChannelAccount Account, string InboundHookPath, string InboundHookSecret);
