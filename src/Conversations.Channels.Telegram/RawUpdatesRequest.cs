using System.Text.Json;
using System.Text.Json.Serialization;
using Telegram.Bot.Requests;
using Telegram.Bot.Types.Enums;

namespace Conversations.Channels.Telegram;

/// <summary>
/// <c>getUpdates</c> (core.telegram.org/bots/api#getupdates) answered as raw JSON, one element per update: polling reads
/// each update on its own with <see cref="TelegramUpdateJson"/>, so one update Telegram.Bot cannot read (a date out of
/// its range) does not fail the whole batch and stall the bot at that offset.
/// </summary>
internal sealed class RawUpdatesRequest() : RequestBase<JsonElement[]>("getUpdates")
{
    /// <summary>The first update to return (one above the highest confirmed).</summary>
    [JsonPropertyName("offset")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Offset { get; init; }

    /// <summary>At most this many updates (1–100).</summary>
    [JsonPropertyName("limit")]
    public int Limit { get; init; } = 100;

    /// <summary>Long-polling timeout in seconds.</summary>
    [JsonPropertyName("timeout")]
    public int Timeout { get; init; }

    /// <summary>The update types to receive.</summary>
    [JsonPropertyName("allowed_updates")]
    public IEnumerable<UpdateType> AllowedUpdates { get; init; } = [];
}
