using System.Text.Json.Serialization;

namespace Conversations.Channels.Viber.Api;

/// <summary>A contact message's card: <c>name</c> and <c>phone_number</c> (and an <c>avatar</c> URL).</summary>
public sealed record ViberContact(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("phone_number")] string? PhoneNumber,
    [property: JsonPropertyName("avatar")] string? Avatar = null);
