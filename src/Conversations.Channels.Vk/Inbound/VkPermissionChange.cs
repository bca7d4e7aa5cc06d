using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Vk.Inbound;

/// <summary>The customer allowed (<c>message_allow</c>) or denied (<c>message_deny</c>) messages from the community.</summary>
public sealed record VkPermissionChange(ChannelIdentityKey Identity, bool Allowed) : VkInbound;
