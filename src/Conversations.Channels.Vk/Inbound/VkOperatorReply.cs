using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Vk.Inbound;

/// <summary>A reply a community admin typed in VK's own interface (message_reply with admin_author_id): stored as an operator message, never sent by us.</summary>
public sealed record VkOperatorReply(InboundMessage Reply) : VkInbound;
