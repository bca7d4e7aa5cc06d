namespace Conversations.Channels.Viber.Inbound;

/// <summary>What one Viber callback means for the platform.</summary>
public abstract record ViberInbound;
