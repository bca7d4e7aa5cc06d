using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Viber;

/// <summary>
/// The <c>tracking_data</c> of a message with menu buttons: <c>{"b":{"label":"payload",...}}</c>. Viber passes the
/// tracking_data of the bot's message back with the customer's reply (send_message, developers.viber.com/docs/api/rest-bot-api),
/// so a reply whose text is one of the labels is read back as that button's payload. tracking_data is at most
/// <see cref="MaxLength"/> characters; a menu whose map does not fit is sent as numbered lines instead.
/// </summary>
public static class ViberTrackingData
{
    /// <summary>Longest tracking_data Viber takes (send_message: "Max 4096 characters").</summary>
    public const int MaxLength = 4096;

    /// <summary>The tracking_data for <paramref name="buttons"/>, or null when the labels repeat or the map does not fit.</summary>
    public static string? For(IReadOnlyList<Button> buttons)
    {
        var map = new JsonObject();
        foreach (var button in buttons.Where(b => b.Url is null))
        {
            if (map.ContainsKey(button.Label))
            {
                return null; // two buttons with one label could not be told apart
            }

            map[button.Label] = button.Payload ?? button.Label;
        }

        var text = new JsonObject { ["b"] = map }.ToJsonString();
        return text.Length <= MaxLength ? text : null;
    }

    /// <summary>The payload of the button labelled <paramref name="text"/> in <paramref name="trackingData"/>, or null.</summary>
    public static string? PayloadOf(string? trackingData, string text)
    {
        if (string.IsNullOrEmpty(trackingData) || trackingData.Length > MaxLength || trackingData[0] != '{')
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(trackingData) is JsonObject root && root["b"] is JsonObject map && map[text] is JsonValue value
                && value.TryGetValue<string>(out var payload) && payload.Length > 0
                ? payload
                : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return null; // someone else's tracking_data (or a forged one): the text stays a text
        }
    }
}
