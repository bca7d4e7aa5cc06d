using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Meta.Messenger.Inbound;

/// <summary>
/// A message the business typed to the customer in Meta's own inbox (an echo sent by another app than ours): stored as
/// an operator message, never answered by the bot, never sent again by us.
/// </summary>
public sealed record MessengerPageReply(InboundMessage Reply) : MessengerInbound;
