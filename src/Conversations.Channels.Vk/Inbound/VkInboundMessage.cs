using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Vk.Inbound;

/// <summary>
/// A customer's message or button press; <paramref name="EventAnswer"/> is the callback-button event to answer once it
/// is stored, <paramref name="ClientInfo"/> what the customer's app said it can show (message_new's client_info).
/// </summary>
public sealed record VkInboundMessage(InboundMessage Message, VkEventAnswer? EventAnswer = null, ChannelClientInfo? ClientInfo = null) : VkInbound;
