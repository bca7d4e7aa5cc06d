namespace Conversations.Api.Contracts.Channels;

/// <summary>
/// A customer as a channel knows them: the tenant, the channel, the business's account on it and the
/// channel's user id. Two tenants with the same external ids never share a key.
/// </summary>
public readonly record struct ChannelIdentityKey(
    Guid TenantId,
    ChannelKind Kind,
    string Account,
    string ExternalUserId);
