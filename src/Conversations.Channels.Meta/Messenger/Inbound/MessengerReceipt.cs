using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Meta.Messenger.Inbound;

/// <summary>
/// A delivery or read receipt (developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-deliveries,
/// .../message-reads): every message the Page sent to <paramref name="Chat"/> up to <paramref name="Watermark"/>, or up
/// to and including <paramref name="Mid"/> (Instagram's read receipts name the message), was delivered or read.
/// </summary>
/// <param name="Chat">The customer's chat.</param>
/// <param name="Status">Delivered or read.</param>
/// <param name="Watermark">Messages sent at or before this time are covered.</param>
/// <param name="Mid">The message covered, with all the chat's earlier ones.</param>
public sealed record MessengerReceipt(ChannelAddress Chat, DeliveryStatus Status, DateTimeOffset? Watermark, string? Mid) : MessengerInbound;
