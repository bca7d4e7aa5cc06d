using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Telegram.Inbound;

/// <summary>The customer blocked (or unblocked) the bot.</summary>
public sealed record TelegramReachabilityChange(ChannelIdentityKey Identity, bool Reachable) : TelegramInbound;
