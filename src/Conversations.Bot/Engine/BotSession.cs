using System.Collections.Immutable;
using System.Text.Json;

namespace Conversations.Bot.Engine;

/// <summary>
/// A conversation's place in the scenario, kept by the caller between turns (as JSON, see <see cref="ToJson"/>).
/// </summary>
/// <param name="ScenarioVersion">The scenario version the session last ran on.</param>
/// <param name="CurrentStepId">The step waiting for the customer's answer; null once the scenario ended.</param>
/// <param name="Variables">Values collected so far (answers, CRM values, consents); keys are dotted paths.</param>
/// <param name="FailedAttempts">Invalid answers given to the current input step.</param>
/// <param name="Quiz">Progress in the current quiz step.</param>
public sealed record BotSession(
    string ScenarioVersion,
    string? CurrentStepId,
    ImmutableSortedDictionary<string, string> Variables,
    int FailedAttempts = 0,
    QuizProgress? Quiz = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The session as JSON, for storing with the conversation.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The session stored as <paramref name="json"/>; null for null or empty text (a new conversation).</summary>
    /// <exception cref="JsonException">The text is not a session.</exception>
    public static BotSession? FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<BotSession>(json, Json) ?? throw new JsonException("The session is null.");
}
