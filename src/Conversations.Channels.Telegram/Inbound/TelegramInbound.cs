namespace Conversations.Channels.Telegram.Inbound;

/// <summary>What one Telegram Update means for the platform.</summary>
public abstract record TelegramInbound;
