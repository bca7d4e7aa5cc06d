namespace Conversations.Channels.Vk.Inbound;

/// <summary>A notification the platform does not act on (group chats, our own sends echoed as message_reply...), acknowledged and dropped.</summary>
public sealed record VkIgnored(string Reason) : VkInbound;
