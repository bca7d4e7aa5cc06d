using Conversations.Abstractions.Operators;

namespace Conversations.Api.Contracts;

/// <summary>Changing one's presence.</summary>
public sealed record PresenceRequest(OperatorPresence Presence);
