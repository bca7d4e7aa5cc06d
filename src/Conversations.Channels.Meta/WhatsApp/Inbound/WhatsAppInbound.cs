namespace Conversations.Channels.Meta.WhatsApp.Inbound;

/// <summary>What one item of a WhatsApp webhook (a message, a status) means for the platform.</summary>
public abstract record WhatsAppInbound;
