using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Vk;

/// <summary>
/// Buttons as a VK inline keyboard (dev.vk.com/api/bots/development/keyboard): at most 10 keys in at most 6 rows of 5;
/// callback buttons (pressed → <c>message_event</c>) carry our payload as <c>{"p":...}</c>, link buttons open a URL.
/// Menus read top to bottom: one button a row up to 6, two a row beyond.
/// </summary>
public static class VkKeyboard
{
    /// <summary>Most keys of an inline keyboard.</summary>
    public const int MaxInlineKeys = 10;

    /// <summary>Most rows of an inline keyboard.</summary>
    public const int MaxInlineRows = 6;

    /// <summary>True when every payload fits VK's 255 characters once wrapped.</summary>
    public static bool PayloadsFit(IReadOnlyList<Button> buttons) =>
        buttons.All(b => b.Url is not null || VkButtonPayload.Wrap(b.Payload ?? b.Label).Length <= VkButtonPayload.MaxLength);

    /// <summary>The <c>keyboard</c> parameter of messages.send for <paramref name="buttons"/> (already fitted).</summary>
    public static string Build(IReadOnlyList<Button> buttons)
    {
        var perRow = buttons.Count <= MaxInlineRows ? 1 : 2;
        var rows = new JsonArray();
        foreach (var chunk in buttons.Chunk(perRow))
        {
            var row = new JsonArray();
            foreach (var button in chunk)
            {
                row.Add(new JsonObject
                {
                    ["action"] = button.Url is { } url
                        ? new JsonObject { ["type"] = "open_link", ["link"] = url, ["label"] = button.Label }
                        : new JsonObject { ["type"] = "callback", ["label"] = button.Label, ["payload"] = VkButtonPayload.Wrap(button.Payload ?? button.Label) },
                });
            }

            rows.Add(row);
        }

        return new JsonObject { ["inline"] = true, ["buttons"] = rows }.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
