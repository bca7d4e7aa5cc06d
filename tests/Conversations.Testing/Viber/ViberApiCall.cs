using System.Text.Json.Nodes;

namespace Conversations.Testing.Viber;

/// <summary>One REST bot API call the stand-in received: the method, its JSON body and what it answered.</summary>
/// <param name="Method">The method (<c>send_message</c>).</param>
/// <param name="BotId">The bot whose token made the call; empty for an unknown token.</param>
/// <param name="Body">The JSON body as sent.</param>
/// <param name="Answer">The JSON answered (<c>status</c>, <c>status_message</c>...).</param>
public sealed record ViberApiCall(string Method, string BotId, JsonObject Body, JsonObject Answer)
{
    /// <summary>True when Viber answered status 0.</summary>
    public bool Succeeded => (int?)Answer["status"] == 0;

    /// <summary>The answered status.</summary>
    public int Status => (int?)Answer["status"] ?? -1;

    /// <summary>A top-level string field of the body, or null.</summary>
    public string? Field(string name) => Body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
