using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Bot.Engine;

/// <summary>
/// Renders a question with options to fit the channel: buttons carrying payloads where the channel has enough of
/// them, numbered lines ("1. Доставка") otherwise, which <see cref="ChoiceMatcher"/> accepts back as "1".
/// </summary>
internal static class ChoiceRenderer
{
    public static TextContent Render(string text, IReadOnlyList<Choice> choices, ChannelCapabilities channel, string numberedHint)
    {
        if (FitsAsButtons(choices.Count, channel))
        {
            return new TextContent(text, [.. choices.Select(c => new Button(Label(c.Label, channel), c.Payload))]);
        }

        var lines = choices.Select((c, i) => $"{i + 1}. {c.Label}");
        return new TextContent($"{text}\n\n{string.Join('\n', lines)}\n\n{numberedHint}".TrimStart());
    }

    public static bool FitsAsButtons(int count, ChannelCapabilities channel) => count > 0 && count <= channel.MaxButtons;

    /// <summary>The label cut to the channel's limit, with an ellipsis.</summary>
    public static string Label(string label, ChannelCapabilities channel) =>
        channel.MaxButtonLabelLength <= 1 || label.Length <= channel.MaxButtonLabelLength
            ? label
            : string.Concat(label.AsSpan(0, channel.MaxButtonLabelLength - 1), "…");
}
