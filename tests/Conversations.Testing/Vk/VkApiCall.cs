using System.Text.Json.Nodes;

namespace Conversations.Testing.Vk;

/// <summary>One VK API call the stand-in received: the method, its form parameters (without the token) and what it answered.</summary>
/// <param name="Method">The method (<c>messages.send</c>).</param>
/// <param name="GroupId">The community whose token made the call; 0 for an unknown token.</param>
/// <param name="Parameters">The form parameters, <c>access_token</c> left out.</param>
/// <param name="Answer">The JSON answered: <c>{"response":...}</c> or <c>{"error":...}</c>.</param>
public sealed record VkApiCall(string Method, long GroupId, IReadOnlyDictionary<string, string> Parameters, JsonObject Answer)
{
    /// <summary>True when VK answered a response rather than an error.</summary>
    public bool Succeeded => Answer.ContainsKey("response");

    /// <summary>A parameter, or null.</summary>
    public string? Field(string name) => Parameters.GetValueOrDefault(name);
}
