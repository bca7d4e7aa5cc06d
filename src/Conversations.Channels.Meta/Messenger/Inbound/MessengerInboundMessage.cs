using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Meta.Messenger.Inbound;

/// <summary>A customer's message, quick reply, postback or referral.</summary>
public sealed record MessengerInboundMessage(InboundMessage Message) : MessengerInbound;
