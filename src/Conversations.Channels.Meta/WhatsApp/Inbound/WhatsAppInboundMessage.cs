using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Meta.WhatsApp.Inbound;

/// <summary>A customer's message (or button press).</summary>
public sealed record WhatsAppInboundMessage(InboundMessage Message) : WhatsAppInbound;
