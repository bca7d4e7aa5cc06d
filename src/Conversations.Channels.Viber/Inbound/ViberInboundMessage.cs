using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Viber.Inbound;

/// <summary>A customer's message or keyboard reply, to be stored.</summary>
public sealed record ViberInboundMessage(InboundMessage Message) : ViberInbound;
