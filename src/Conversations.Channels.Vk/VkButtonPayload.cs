using System.Text.Json;

namespace Conversations.Channels.Vk;

/// <summary>
/// Our button payloads on VK. A keyboard button's <c>payload</c> must be a JSON string of at most 255 characters
/// (dev.vk.com/api/bots/development/keyboard), so ours is wrapped as <c>{"p":"..."}</c>; a payload VK made itself
/// (the Start button's <c>{"command":"start"}</c>) is not ours and reads as null.
/// </summary>
public static class VkButtonPayload
{
    /// <summary>Longest payload VK takes, in characters.</summary>
    public const int MaxLength = 255;

    // Cyrillic and emoji stay themselves (an escaped "\u0434" would spend six of the 255 characters on one letter).
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON VK carries for our <paramref name="payload"/>.</summary>
    public static string Wrap(string payload) => JsonSerializer.Serialize(new Dictionary<string, string> { ["p"] = payload }, Relaxed);

    /// <summary>Our payload inside <paramref name="json"/> (a string holding JSON), or null when it is not one of ours.</summary>
    public static string? Unwrap(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Unwrap(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Our payload inside <paramref name="element"/> (an object, or a string holding one), or null.</summary>
    public static string? Unwrap(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty("p", out var p) && p.ValueKind == JsonValueKind.String => p.GetString(),
        JsonValueKind.String => Unwrap(element.GetString()),
        _ => null,
    };
}
