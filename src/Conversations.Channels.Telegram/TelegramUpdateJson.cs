using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Conversations.Channels.Telegram;

/// <summary>
/// Reads a webhook body into an <see cref="Update"/>. A date Telegram.Bot cannot turn into a <see cref="DateTime"/>
/// (before 1970, after 9999) would throw and lose the whole update, the customer's message with it; such dates are
/// read as the Unix epoch instead, which <see cref="TelegramUpdateMapper"/> replaces with the time of receipt.
/// </summary>
public static class TelegramUpdateJson
{
    /// <summary>The largest Unix time a <see cref="DateTime"/> holds (9999-12-31T23:59:59Z).</summary>
    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>The update in <paramref name="body"/>; throws <see cref="JsonException"/> when it is not one (or not UTF-8).</summary>
    public static Update? Read(byte[] body)
    {
        // Invalid bytes inside a string fail only when that field is read, and not as a JsonException: refuse them first.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            throw new JsonException("The body is not valid UTF-8.");
        }

        try
        {
            return JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or JsonException)
        {
            // Only a body whose dates were out of range is read again; anything else stays malformed.
            var node = JsonNode.Parse(body);
            if (node is null || !ClampDates(node))
            {
                throw ex as JsonException ?? new JsonException("A value is out of range.", ex);
            }

            return node.Deserialize<Update>(JsonBotAPI.Options);
        }
    }

    /// <summary>Sets every out-of-range date field (<c>date</c>, <c>edit_date</c>, <c>*_date</c>) to 0; true when one was.</summary>
    private static bool ClampDates(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is JsonValue number && (name == "date" || name.EndsWith("_date", StringComparison.Ordinal))
                        && number.GetValueKind() == JsonValueKind.Number && !InRange(number))
                    {
                        obj[name] = 0;
                        changed = true;
                    }
                    else if (value is not null)
                    {
                        changed |= ClampDates(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    changed |= ClampDates(item);
                }

                break;
        }

        return changed;
    }

    private static bool InRange(JsonValue number) =>
        number.TryGetValue<long>(out var seconds) && seconds is >= 0 and <= MaxUnixSeconds;
}
