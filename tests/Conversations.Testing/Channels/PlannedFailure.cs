using System.Text.Json.Nodes;

namespace Conversations.Testing.Channels;

/// <summary>A failure a stand-in was told to answer with: the HTTP status and the platform's documented error object.</summary>
public sealed record PlannedFailure(int Status, JsonObject Error);
