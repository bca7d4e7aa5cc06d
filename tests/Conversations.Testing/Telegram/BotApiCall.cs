using System.Text.Json.Nodes;

namespace Conversations.Testing.Telegram;

/// <summary>One request the stand-in received.</summary>
/// <param name="Token">The bot token from the URL.</param>
/// <param name="Method">The Bot API method (sendMessage...).</param>
/// <param name="Body">The JSON body (empty object when none).</param>
/// <param name="Answered">The HTTP status it was answered with.</param>
/// <param name="ReceivedAt">When it arrived (<see cref="System.Diagnostics.Stopwatch"/> timestamp).</param>
public sealed record BotApiCall(string Token, string Method, JsonObject Body, int Answered, long ReceivedAt = 0)
{
    /// <summary>A string field of the body.</summary>
    public string? Field(string name) => Body[name]?.ToString();
}
