using System.Text.Json.Nodes;

namespace Conversations.Testing.OpenAi;

/// <summary>One call the OpenAI-compatible stand-in received.</summary>
/// <param name="Path">The endpoint: <c>/v1/embeddings</c> or <c>/v1/chat/completions</c>.</param>
/// <param name="Request">The JSON body as sent.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Authorization">The Authorization header as sent (to check the key travels, never to log it).</param>
public sealed record OpenAiCall(string Path, JsonObject Request, int Status, string? Authorization);
