using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Rendering;

/// <summary>
/// Fits a message's buttons (a bot menu, an operator's link) to what a channel can show, so a sender never drops a
/// button or cuts a payload silently: the buttons stay buttons when they all fit (labels shortened with an ellipsis),
/// otherwise the whole menu becomes numbered lines under the text ("1. Delivery"), which the bot accepts back as "1",
/// and links become "Label: URL" lines.
/// </summary>
public static class MenuRenderer
{
    /// <summary>
    /// <paramref name="content"/> as <paramref name="channel"/> can show it. <paramref name="numberedHint"/>, when
    /// given, is added under numbered options (e.g. "Reply with the number of your choice").
    /// </summary>
    public static TextContent Fit(TextContent content, ChannelCapabilities channel, string? numberedHint = null)
    {
        if (content.Buttons is not { Count: > 0 } buttons)
        {
            return content;
        }

        if (channel.FitsAsButtons(buttons))
        {
            return content with { Buttons = [.. buttons.Select(b => b with { Label = channel.ButtonLabel(b.Label) })] };
        }

        var number = 0;
        var lines = buttons.Select(b => b.Url is { } url ? $"{b.Label}: {url}" : $"{++number}. {b.Label}").ToList();
        var hint = number > 0 && !string.IsNullOrWhiteSpace(numberedHint) ? $"\n\n{numberedHint}" : "";
        return new TextContent($"{content.Text}\n\n{string.Join('\n', lines)}{hint}".TrimStart());
    }
}
