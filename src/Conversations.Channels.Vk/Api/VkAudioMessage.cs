using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>A voice message (messages_audio_message): its MP3 and OGG links.</summary>
public sealed record VkAudioMessage(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("duration")] int Duration,
    [property: JsonPropertyName("link_mp3")] string? LinkMp3,
    [property: JsonPropertyName("link_ogg")] string? LinkOgg);
