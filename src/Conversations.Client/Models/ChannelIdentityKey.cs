namespace Conversations.Client.Models;

/// <summary>A customer as a channel knows them: the tenant, the channel, the business's account and the channel's user id.</summary>
public sealed record ChannelIdentityKey(Guid TenantId, ChannelKind Kind, string Account, string ExternalUserId);
