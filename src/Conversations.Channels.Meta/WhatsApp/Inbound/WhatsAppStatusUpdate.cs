namespace Conversations.Channels.Meta.WhatsApp.Inbound;

/// <summary>The status of a message we sent (sent, delivered, read, failed), with the error codes of a failure.</summary>
/// <param name="ChannelMessageId">WhatsApp's id of our message (<c>wamid...</c>).</param>
/// <param name="Status">The status as WhatsApp names it.</param>
/// <param name="Recipient">The customer's wa_id.</param>
/// <param name="OurMessageId">Our message id, from <c>biz_opaque_callback_data</c>, when it parses.</param>
/// <param name="ErrorCodes">The codes of a failure (131047: outside the 24-hour window).</param>
public sealed record WhatsAppStatusUpdate(string ChannelMessageId, string Status, string? Recipient, Guid? OurMessageId, IReadOnlyList<int> ErrorCodes)
    : WhatsAppInbound;
