using Conversations.Abstractions.Messages;
using Conversations.Bot.Scenarios.Steps;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Engine;

/// <summary>Runs a message step: shows it in the form the channel can show, and moves on.</summary>
internal static class MessageStepRunner
{
    /// <summary>Longest caption sent under an image; longer texts follow the image as their own message.</summary>
    private const int MaxCaptionLength = 1024;

    /// <summary>Shows the message (image, text, buttons or their fallbacks for the channel); returns the next step.</summary>
    public static string? Run(Turn turn, MessageStep message)
    {
        var channel = turn.Context.Channel;
        var text = message.Text is null ? null : turn.Render(message.Text);
        var links = new List<LinkContent>();
        List<Button>? buttons = null;
        var hasLinks = message.Buttons.Any(b => b.Url is not null);
        if (message.Buttons.Length > 0 && (channel.SupportsLinkButtons || !hasLinks) && ChoiceRenderer.FitsAsButtons(message.Buttons.Length, channel))
        {
            buttons = [];
            foreach (var button in message.Buttons)
            {
                var label = ChoiceRenderer.Label(button.Label, channel);
                if (button.Url is null)
                {
                    buttons.Add(new Button(label, button.Payload));
                }
                else if (RenderUrl(turn, button.Url) is { } url)
                {
                    buttons.Add(new Button(label, Url: url));
                }
            }
        }
        else if (message.Buttons.Length > 0)
        {
            // Without room for buttons: choices become lines the customer can type, links become link messages.
            var lines = message.Buttons.Where(b => b.Next is not null).Select(b => $"• {b.Label}").ToList();
            if (lines.Count > 0)
            {
                text = $"{text}\n\n{string.Join('\n', lines)}".TrimStart();
            }

            links.AddRange(message.Buttons.Where(b => b.Url is not null)
                .Select(b => RenderUrl(turn, b.Url!) is { } url ? new LinkContent(url, b.Label) : null)
                .OfType<LinkContent>());
        }

        var image = message.ImageUrl is null ? null : RenderUrl(turn, message.ImageUrl);
        if (image is not null && channel.SupportsImages && (text is null || text.Length <= MaxCaptionLength))
        {
            turn.Send(new ImageContent(image, null, text, buttons));
        }
        else
        {
            if (image is not null)
            {
                turn.Send(channel.SupportsImages ? new ImageContent(image, null) : new LinkContent(image, image));
            }

            if (text is not null || buttons is not null)
            {
                turn.Send(new TextContent(text ?? "", buttons));
            }
        }

        links.ForEach(turn.Send);
        return message.Next;
    }

    internal static string? RenderUrl(Turn turn, Template template)
    {
        var url = template.Render(turn.Value, TemplateEncoding.Url);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? url : null;
    }
}
