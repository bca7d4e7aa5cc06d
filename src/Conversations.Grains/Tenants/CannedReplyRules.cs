using Conversations.Abstractions.Messages;

namespace Conversations.Grains.Tenants;

/// <summary>What an operator's reply (canned or typed) may contain.</summary>
public static class CannedReplyRules
{
    /// <summary>Most messages in one reply (a gallery).</summary>
    public const int MaxMessages = 10;

    /// <summary>Longest text of one message.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>Every problem with <paramref name="contents"/> (empty when valid).</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<MessageContent>? contents)
    {
        var problems = new List<string>();
        if (contents is not { Count: > 0 and <= MaxMessages })
        {
            problems.Add($"A reply has 1 to {MaxMessages} messages.");
            return problems;
        }

        for (var i = 0; i < contents.Count; i++)
        {
            switch (contents[i])
            {
                case TextContent text when string.IsNullOrWhiteSpace(text.Text) || text.Text.Length > MaxTextLength:
                    problems.Add($"messages[{i}]: a text has 1 to {MaxTextLength} characters.");
                    break;
                case TextContent text when text.Buttons is { } buttons && buttons.Any(b => b.Url is not null && !IsWebUrl(b.Url)):
                    problems.Add($"messages[{i}]: button links must be http(s) URLs.");
                    break;
                case ImageContent { Media.MediaId: not null, Url: null, FileId: null }:
                    break; // an uploaded image: the endpoint found it in the tenant's store
                case ImageContent image when image.Url is null || !IsWebUrl(image.Url):
                    problems.Add($"messages[{i}]: an image needs an http(s) URL or an uploaded file.");
                    break;
                case DocumentContent { Media.MediaId: not null, FileId: "" }:
                    break; // an uploaded file
                case LinkContent link when !IsWebUrl(link.Url) || string.IsNullOrWhiteSpace(link.Title):
                    problems.Add($"messages[{i}]: a link needs an http(s) URL and a title.");
                    break;
                case TemplateContent template when string.IsNullOrWhiteSpace(template.Name) || string.IsNullOrWhiteSpace(template.Language)
                                                   || template.Parameters is null || template.Parameters.Any(p => string.IsNullOrWhiteSpace(p)):
                    problems.Add($"messages[{i}]: a template needs its name, language and a value for every placeholder.");
                    break;
                case TextContent or ImageContent or LinkContent or TemplateContent:
                    break;
                default:
                    problems.Add($"messages[{i}]: only text, image, link, WhatsApp template and uploaded file messages can be sent.");
                    break;
            }
        }

        return problems;
    }

    private static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
