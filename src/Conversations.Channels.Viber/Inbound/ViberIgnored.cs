namespace Conversations.Channels.Viber.Inbound;

/// <summary>A callback with nothing to do (the webhook check, an event without a user...).</summary>
public sealed record ViberIgnored(string Reason) : ViberInbound;
