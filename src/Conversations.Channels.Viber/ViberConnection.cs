using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Viber;

/// <summary>The result of connecting a Viber bot.</summary>
/// <param name="Account">The account (without secrets).</param>
/// <param name="WebhookPath">The webhook path on this deployment (<c>/webhooks/viber/{botId}</c>).</param>
/// <param name="Note">What the admin should know (Viber bots are a paid channel), if anything.</param>
public sealed record ViberConnection(ChannelAccount Account, string WebhookPath, string? Note);
