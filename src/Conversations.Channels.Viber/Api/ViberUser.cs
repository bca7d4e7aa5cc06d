using System.Text.Json.Serialization;

namespace Conversations.Channels.Viber.Api;

/// <summary>
/// A Viber user as callbacks describe them (the <c>sender</c> of a message, the <c>user</c> of subscribed and
/// conversation_started; developers.viber.com/docs/api/rest-bot-api/#callbacks): the bot-scoped id, and the name,
/// avatar, country, language and highest API version of their devices.
/// </summary>
public sealed record ViberUser(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("avatar")] string? Avatar = null,
    [property: JsonPropertyName("country")] string? Country = null,
    [property: JsonPropertyName("language")] string? Language = null,
    [property: JsonPropertyName("api_version")] int? ApiVersion = null);
