namespace Conversations.Testing.Vk;

/// <summary>A message as the customer sees it in VK: what messages.send delivered, once per random_id.</summary>
/// <param name="MessageId">VK's id of it.</param>
/// <param name="PeerId">Whose chat.</param>
/// <param name="RandomId">The random_id it was sent with.</param>
/// <param name="Text">Its text.</param>
/// <param name="Keyboard">Its keyboard JSON, if any.</param>
/// <param name="Attachment">Its attachment (<c>photo{owner_id}_{id}</c>), if any.</param>
public sealed record VkMessageSeen(long MessageId, long PeerId, long RandomId, string Text, string? Keyboard, string? Attachment = null);
