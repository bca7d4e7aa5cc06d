using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Vk;

/// <summary>
/// Buttons as a VK keyboard (dev.vk.com/api/bots/development/keyboard): inline (inside the message) at most 10 keys in
/// at most 6 rows of 5, or standard (under the input field, for an app without inline keyboards) at most 40 keys in 10
/// rows of 5; labels up to 40 characters. Our buttons are <c>callback</c> buttons (pressed → <c>message_event</c>) with
/// our payload as <c>{"p":...}</c>, or <c>text</c> buttons with the same payload for an app that has no callback
/// buttons; links are <c>open_link</c> buttons, each alone on a row after the choices (VK's SDKs describe link,
/// location, VK Pay and app buttons as wide ones that take a whole row or two places of five; alone on a row is valid
/// however an app draws them). Choices read top to bottom: one a row while the rows last, then as few a row as fit.
/// </summary>
public static class VkKeyboard
{
    /// <summary>Most keys of an inline keyboard.</summary>
    public const int MaxInlineKeys = 10;

    /// <summary>Most rows of an inline keyboard.</summary>
    public const int MaxInlineRows = 6;

    /// <summary>Most keys of a standard keyboard.</summary>
    public const int MaxStandardKeys = 40;

    /// <summary>Most rows of a standard keyboard.</summary>
    public const int MaxStandardRows = 10;

    /// <summary>Most keys in one row, either kind.</summary>
    public const int MaxKeysPerRow = 5;

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>True when every payload fits VK's 255 characters once wrapped.</summary>
    public static bool PayloadsFit(IReadOnlyList<Button> buttons) =>
        buttons.All(b => b.Url is not null || VkButtonPayload.Wrap(b.Payload ?? b.Label).Length <= VkButtonPayload.MaxLength);

    /// <summary>True when <paramref name="buttons"/> can be laid out in an inline (or standard) keyboard, each link on a row of its own.</summary>
    public static bool Fits(IReadOnlyList<Button> buttons, bool inline = true)
    {
        var (maxRows, maxKeys) = inline ? (MaxInlineRows, MaxInlineKeys) : (MaxStandardRows, MaxStandardKeys);
        var links = buttons.Count(b => b.Url is not null);
        return buttons.Count <= maxKeys && links <= maxRows && buttons.Count - links <= (maxRows - links) * MaxKeysPerRow;
    }

    /// <summary>The <c>keyboard</c> parameter of messages.send for <paramref name="buttons"/> (already fitted: see <see cref="Fits"/>).</summary>
    /// <param name="buttons">The buttons, in menu order.</param>
    /// <param name="inline">An inline keyboard (true) or a standard one under the input field.</param>
    /// <param name="callback">Callback buttons (true) or text buttons, for an app without callback buttons.</param>
    public static string Build(IReadOnlyList<Button> buttons, bool inline = true, bool callback = true)
    {
        var maxRows = inline ? MaxInlineRows : MaxStandardRows;
        var links = buttons.Count(b => b.Url is not null);
        var choices = buttons.Where(b => b.Url is null).ToList();
        var choiceRows = Math.Max(1, maxRows - links);
        var perRow = Math.Clamp((choices.Count + choiceRows - 1) / choiceRows, 1, MaxKeysPerRow);
        var rows = new JsonArray();
        foreach (var chunk in choices.Chunk(perRow))
        {
            rows.Add(new JsonArray([.. chunk.Select(button => (JsonNode)new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = callback ? "callback" : "text",
                    ["label"] = button.Label,
                    ["payload"] = VkButtonPayload.Wrap(button.Payload ?? button.Label),
                },
            })]));
        }

        foreach (var link in buttons.Where(b => b.Url is not null))
        {
            rows.Add(new JsonArray(new JsonObject { ["action"] = new JsonObject { ["type"] = "open_link", ["link"] = link.Url, ["label"] = link.Label } }));
        }

        var keyboard = new JsonObject { ["inline"] = inline, ["buttons"] = rows };
        if (!inline)
        {
            // A menu under the input field goes away once a choice is sent, so a stale one is not pressed later.
            keyboard["one_time"] = true;
        }

        return keyboard.ToJsonString(Relaxed);
    }
}
