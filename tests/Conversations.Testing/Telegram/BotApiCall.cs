using System.Text.Json.Nodes;

namespace Conversations.Testing.Telegram;

/// <summary>One request the stand-in received.</summary>
/// <param name="Token">The bot token from the URL.</param>
/// <param name="Method">The Bot API method (sendMessage...).</param>
/// <param name="Body">The JSON body (empty object when none).</param>
/// <param name="Answered">The HTTP status it was answered with.</param>
public sealed record BotApiCall(string Token, string Method, JsonObject Body, int Answered)
{
    /// <summary>A string field of the body.</summary>
    public string? Field(string name) => Body[name]?.ToString();
}
