namespace Conversations.Api.Contracts.Channels;

/// <summary>Where an outbound message goes: the business's account on a channel and the chat there.</summary>
/// <param name="Kind">The channel.</param>
/// <param name="Account">The business's account on the channel (a Telegram bot id, a widget id).</param>
/// <param name="ChatId">The chat with the customer on that account (a Telegram chat id, a widget visitor id).</param>
public sealed record ChannelAddress(
    ChannelKind Kind,
    string Account,
    string ChatId);
