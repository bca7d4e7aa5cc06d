namespace Conversations.Channels.Viber.Inbound;

/// <summary>A delivery receipt of one of our messages: delivered, seen or failed (with Viber's description).</summary>
public sealed record ViberReceipt(string Event, string MessageToken, string UserId, string? Description) : ViberInbound;
