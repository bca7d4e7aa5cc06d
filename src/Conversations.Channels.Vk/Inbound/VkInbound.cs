namespace Conversations.Channels.Vk.Inbound;

/// <summary>What one Callback API notification means for the platform.</summary>
public abstract record VkInbound;
