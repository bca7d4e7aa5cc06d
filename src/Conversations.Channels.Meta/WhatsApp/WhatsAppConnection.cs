using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Meta.WhatsApp;

/// <summary>The result of connecting a WhatsApp number.</summary>
/// <param name="Account">The account (without secrets).</param>
/// <param name="WebhookPath">The app's webhook path on this deployment (<c>/webhooks/whatsapp/{appId}</c>).</param>
/// <param name="CallbackUrl">The full callback URL to enter in the App Dashboard, when the public base URL is configured.</param>
/// <param name="Note">What the admin still has to do in Meta's dashboards.</param>
public sealed record WhatsAppConnection(ChannelAccount Account, string WebhookPath, string? CallbackUrl, string Note);
