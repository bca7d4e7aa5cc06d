namespace Conversations.Channels.Vk.Api;

/// <summary>VK's upload server answered a file with an error instead of keeping it: retrying the same bytes will not help.</summary>
public sealed class VkUploadRefusedException(string message) : Exception(message);
