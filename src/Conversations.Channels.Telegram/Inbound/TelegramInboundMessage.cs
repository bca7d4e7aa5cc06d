using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Telegram.Inbound;

/// <summary>A customer's message (or button press); <paramref name="CallbackQueryId"/> must be answered after storing.</summary>
public sealed record TelegramInboundMessage(InboundMessage Message, string? CallbackQueryId = null) : TelegramInbound;
