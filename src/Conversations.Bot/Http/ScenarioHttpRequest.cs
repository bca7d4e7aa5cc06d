namespace Conversations.Bot.Http;

/// <summary>A call an http step makes to the business's system.</summary>
/// <param name="Method">GET, POST, PUT, PATCH or DELETE.</param>
/// <param name="Url">Absolute http(s) URL, values already encoded.</param>
/// <param name="Headers">Request headers.</param>
/// <param name="JsonBody">JSON body, or null.</param>
/// <param name="Timeout">How long the call may take in total.</param>
public sealed record ScenarioHttpRequest(
    HttpMethod Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? JsonBody,
    TimeSpan Timeout);
