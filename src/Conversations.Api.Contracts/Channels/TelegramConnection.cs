namespace Conversations.Api.Contracts.Channels;

/// <summary>The result of connecting a bot.</summary>
/// <param name="Account">The account (without secrets).</param>
/// <param name="WebhookPath">The webhook path on this deployment (<c>/webhooks/telegram/{botId}</c>).</param>
/// <param name="WebhookRegistered">True when setWebhook was called (webhook mode with a public base URL configured).</param>
/// <param name="Note">What the admin still has to do, if anything.</param>
public sealed record TelegramConnection(ChannelAccount Account, string WebhookPath, bool WebhookRegistered, string? Note);
