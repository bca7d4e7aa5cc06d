using System.Text.Json;
using Conversations.Abstractions.Common;

namespace Conversations.Api.Admin;

/// <summary>
/// What a scenario draft's test chat carries from one turn to the next, opaque to the client: the bot's session and
/// memory. Kept by the browser, so a test chat is stored nowhere.
/// </summary>
/// <param name="Session">The bot's session.</param>
/// <param name="Understanding">The bot's memory (frustration, an open "did you mean").</param>
internal sealed record TestChatState(string? Session, string? Understanding)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The state as the client keeps it.</summary>
    public string Write() => JsonSerializer.Serialize(this, Json);

    /// <summary>The state a client sent back; an empty one for none, a 400 naming <c>$.state</c> for anything else.</summary>
    public static TestChatState Read(string? state)
    {
        if (string.IsNullOrWhiteSpace(state))
        {
            return new TestChatState(null, null);
        }

        try
        {
            return JsonSerializer.Deserialize<TestChatState>(state, Json) ?? new TestChatState(null, null);
        }
        catch (JsonException)
        {
            throw DomainException.Invalid("$.state: not the state of a test chat; send the previous answer's state as it was, or none to start again.");
        }
    }
}
