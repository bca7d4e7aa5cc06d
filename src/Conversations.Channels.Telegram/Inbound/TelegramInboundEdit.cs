using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Telegram.Inbound;

/// <summary>A customer edited an earlier message.</summary>
public sealed record TelegramInboundEdit(InboundEdit Edit) : TelegramInbound;
