namespace Conversations.Api.Contracts.Channels;

/// <summary>
/// A business's account on a channel, as the platform knows it: a Telegram bot (account = the bot's
/// numeric id), a website widget (account = its public key). Unique across tenants: one bot belongs to one tenant.
/// </summary>
public readonly record struct ChannelAccountKey(
    ChannelKind Kind,
    string Account);
