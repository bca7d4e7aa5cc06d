using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Vk.Inbound;

/// <summary>A customer edited an earlier message (<c>message_edit</c>).</summary>
public sealed record VkInboundEdit(InboundEdit Edit) : VkInbound;
