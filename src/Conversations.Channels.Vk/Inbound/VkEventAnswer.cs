namespace Conversations.Channels.Vk.Inbound;

/// <summary>What <c>messages.sendMessageEventAnswer</c> needs to stop a callback button's spinner.</summary>
public sealed record VkEventAnswer(string EventId, long UserId, long PeerId);
