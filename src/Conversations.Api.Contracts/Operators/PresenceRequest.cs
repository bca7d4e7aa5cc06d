namespace Conversations.Api.Contracts.Operators;

/// <summary>Changing one's presence.</summary>
public sealed record PresenceRequest(OperatorPresence Presence);
