using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Viber.Inbound;

/// <summary>
/// The customer opened the chat (conversation_started): the one moment a bot may write first, with a welcome message
/// in the HTTP answer. <paramref name="Language"/> is the customer's device language, when Viber sent it;
/// <paramref name="Context"/> the <c>context</c> of the <c>viber://pa?chatURI=…&amp;context=…</c> link the customer opened
/// (a "continue in messenger" token, when the business gave one), with where replies go and what Viber told of the user.
/// </summary>
public sealed record ViberConversationStarted(
    ChannelIdentityKey Identity, string? Language, string? Context = null, ChannelAddress? ReplyTo = null, SenderProfile? Sender = null) : ViberInbound;
