namespace Conversations.Channels.Meta.WhatsApp.Inbound;

/// <summary>An item the platform does not act on (no sender, a change of another field), acknowledged and dropped.</summary>
public sealed record WhatsAppIgnored(string Reason) : WhatsAppInbound;
