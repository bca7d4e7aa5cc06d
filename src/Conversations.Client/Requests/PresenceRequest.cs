using Conversations.Client.Models;

namespace Conversations.Client.Requests;

internal sealed record PresenceRequest(OperatorPresence Presence);
