using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Vk.Inbound;

/// <summary>A customer's message or button press; <paramref name="EventAnswer"/> is the callback-button event to answer once it is stored.</summary>
public sealed record VkInboundMessage(InboundMessage Message, VkEventAnswer? EventAnswer = null) : VkInbound;
