namespace Conversations.Abstractions.Channels;

/// <summary>Where an outbound message goes: the business's account on a channel and the chat there.</summary>
/// <param name="Kind">The channel.</param>
/// <param name="Account">The business's account on the channel (a Telegram bot id, a widget id).</param>
/// <param name="ChatId">The chat with the customer on that account (a Telegram chat id, a widget visitor id).</param>
[GenerateSerializer, Immutable, Alias("conv.ChannelAddress")]
public sealed record ChannelAddress(
    [property: Id(0)] ChannelKind Kind,
    [property: Id(1)] string Account,
    [property: Id(2)] string ChatId);
