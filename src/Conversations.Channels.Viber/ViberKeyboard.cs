using System.Text.Json.Nodes;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Viber;

/// <summary>
/// Buttons as a Viber keyboard (developers.viber.com/docs/tools/keyboards): <c>"Type":"keyboard"</c> and a
/// <c>Buttons</c> array on the 6-column grid, one full-width button (<c>Columns</c> 6, <c>Rows</c> 1) a row, at most
/// <see cref="MaxButtons"/> of them. A menu button is a <c>reply</c> button whose <c>ActionBody</c> is its label (what
/// the customer's chat shows as their answer, and what comes back as the message text); a link is an
/// <c>open-url</c> button. Only API level 1 parameters are used, so the message's <c>min_api_version</c> is
/// <see cref="MinApiVersion"/> (level 3 and above parameters would need a higher one, keyboards docs).
/// </summary>
public static class ViberKeyboard
{
    /// <summary>Most buttons (rows) of one keyboard: issue 17's limit of 12 rows, one button a row.</summary>
    public const int MaxButtons = 12;

    /// <summary>The API level the keyboard's parameters need (Columns, Rows, ActionType reply/open-url, ActionBody, Text).</summary>
    public const int MinApiVersion = 1;

    /// <summary>The <c>keyboard</c> object of send_message for <paramref name="buttons"/> (already fitted).</summary>
    public static JsonObject Build(IReadOnlyList<Button> buttons)
    {
        var array = new JsonArray();
        foreach (var button in buttons)
        {
            array.Add(new JsonObject
            {
                ["Columns"] = 6,
                ["Rows"] = 1,
                ["ActionType"] = button.Url is null ? "reply" : "open-url",
                ["ActionBody"] = button.Url ?? button.Label,
                ["Text"] = button.Label,
            });
        }

        return new JsonObject { ["Type"] = "keyboard", ["DefaultHeight"] = false, ["Buttons"] = array };
    }
}
