namespace Conversations.Channels.Meta.Messenger.Inbound;

/// <summary>
/// An event the platform acknowledges and does not store: reactions, receipts without a watermark, and echoes of the
/// Page's own messages (never answered by the bot, never re-sent).
/// </summary>
public sealed record MessengerIgnored(string Reason) : MessengerInbound;
