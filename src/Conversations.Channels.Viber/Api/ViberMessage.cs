using System.Text.Json.Serialization;

namespace Conversations.Channels.Viber.Api;

/// <summary>
/// The <c>message</c> of a message callback ("Receive message from user", developers.viber.com/docs/api/rest-bot-api/#receive-message-from-user):
/// its <c>type</c> (text, picture, video, file, sticker, contact, url, location), <c>text</c>, <c>media</c> URL,
/// <c>location</c>, <c>contact</c>, <c>tracking_data</c> (what the bot's last message carried), <c>file_name</c>,
/// <c>file_size</c>, <c>duration</c> and <c>sticker_id</c>.
/// </summary>
public sealed record ViberMessage(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("media")] string? Media = null,
    [property: JsonPropertyName("location")] ViberLocation? Location = null,
    [property: JsonPropertyName("contact")] ViberContact? Contact = null,
    [property: JsonPropertyName("tracking_data")] string? TrackingData = null,
    [property: JsonPropertyName("file_name")] string? FileName = null,
    [property: JsonPropertyName("file_size")] long? FileSize = null,
    [property: JsonPropertyName("duration")] long? Duration = null,
    [property: JsonPropertyName("sticker_id")] long? StickerId = null,
    [property: JsonPropertyName("thumbnail")] string? Thumbnail = null);
