namespace Conversations.Channels.Meta.Messenger.Inbound;

/// <summary>What one Messenger Platform messaging event (Messenger or Instagram) means for the platform.</summary>
public abstract record MessengerInbound;
