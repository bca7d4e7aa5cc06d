namespace Conversations.Api.Contracts.Channels;

/// <summary>The result of connecting a VK community.</summary>
/// <param name="Account">The account (without secrets).</param>
/// <param name="CallbackPath">The Callback API path on this deployment (<c>/webhooks/vk/{groupId}</c>).</param>
/// <param name="CallbackServerRegistered">True when the Callback API server was added and its message events turned on.</param>
/// <param name="Note">What the admin still has to do, if anything.</param>
public sealed record VkConnection(ChannelAccount Account, string CallbackPath, bool CallbackServerRegistered, string? Note);
