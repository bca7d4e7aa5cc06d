namespace Conversations.Bot.Http;

/// <summary>What the business's system answered.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Body">The response body as text ("" when empty).</param>
public sealed record ScenarioHttpResponse(int StatusCode, string Body)
{
    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and <= 299;
}
