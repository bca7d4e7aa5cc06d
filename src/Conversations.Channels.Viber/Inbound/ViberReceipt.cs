using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Viber.Inbound;

/// <summary>
/// A delivery receipt of one of our messages: delivered, seen or failed (with Viber's description), for the chat
/// <paramref name="Chat"/> (the bot's account and the customer's Viber id, as our sends address it).
/// </summary>
public sealed record ViberReceipt(string Event, string MessageToken, string UserId, string? Description, ChannelAddress Chat) : ViberInbound;
