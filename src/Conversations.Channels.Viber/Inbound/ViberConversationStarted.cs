using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Viber.Inbound;

/// <summary>
/// The customer opened the chat (conversation_started): the one moment a bot may write first, with a welcome message
/// in the HTTP answer. <paramref name="Language"/> is the customer's device language, when Viber sent it.
/// </summary>
public sealed record ViberConversationStarted(ChannelIdentityKey Identity, string? Language) : ViberInbound;
