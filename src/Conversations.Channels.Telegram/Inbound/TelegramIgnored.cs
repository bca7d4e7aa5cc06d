namespace Conversations.Channels.Telegram.Inbound;

/// <summary>An update the platform does not act on (group chats, bots, inline queries...), acknowledged and dropped.</summary>
public sealed record TelegramIgnored(string Reason) : TelegramInbound;
