using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Meta.Messenger;

/// <summary>The result of connecting a Facebook Page or an Instagram professional account.</summary>
/// <param name="Account">The account (without secrets).</param>
/// <param name="WebhookPath">The app's webhook path on this deployment (<c>/webhooks/messenger/{appId}</c>).</param>
/// <param name="CallbackUrl">The full callback URL for the App Dashboard, when the public base URL is configured.</param>
/// <param name="Note">What the admin still has to do in Meta's dashboards.</param>
public sealed record MessengerConnection(ChannelAccount Account, string WebhookPath, string? CallbackUrl, string Note);
