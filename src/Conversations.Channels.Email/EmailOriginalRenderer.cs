using AngleSharp.Html.Parser;
using Ganss.Xss;
using MimeKit;

namespace Conversations.Channels.Email;

/// <summary>
/// Renders a stored mail (its raw MIME) for the console: the headers decoded, the HTML body sanitised (HtmlSanitizer:
/// no scripts, forms, frames or event handlers), images of the mail itself (<c>cid:</c>) inlined as data, links opening
/// apart, and remote images, trackers most of the time, left out unless the operator asks for them. The console shows
/// the HTML in a sandboxed frame whose own content policy allows no remote load either, so both would have to fail.
/// </summary>
public static class EmailOriginalRenderer
{
    /// <summary>Largest inline image (<c>cid:</c>) put into the page as data; larger ones are named only.</summary>
    public const int MaxInlineImageBytes = 2 * 1024 * 1024;

    private static readonly HtmlParser Parser = new();

    /// <summary>The view of <paramref name="raw"/>; <paramref name="remoteImages"/> keeps remote images in.</summary>
    public static EmailOriginalView Render(byte[] raw, bool remoteImages)
    {
        using var stream = new MemoryStream(raw, writable: false);
        var mail = MimeMessage.Load(stream);
        var remote = 0;
        string? html = null;
        if (mail.HtmlBody is { Length: > 0 } body)
        {
            (html, remote) = Clean(mail, body, remoteImages);
        }

        return new EmailOriginalView(
            mail.Subject ?? "",
            mail.From.ToString(),
            mail.To.ToString(),
            mail.Cc.ToString(),
            mail.Headers.Contains(HeaderId.Date) ? mail.Date : null,
            html,
            mail.TextBody,
            remote,
            remoteImages,
            [.. mail.Attachments.Select(a => new EmailOriginalAttachment(
                a is MimePart part ? part.FileName : a.ContentDisposition?.FileName, a.ContentType.MimeType))]);
    }

    private static (string Html, int Remote) Clean(MimeMessage mail, string body, bool remoteImages)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Add("cid");
        sanitizer.AllowedSchemes.Add("mailto");
        // A mail has nothing to submit: a form in it is phishing for the operator's input.
        foreach (var tag in new[] { "form", "input", "button", "select", "textarea", "option", "optgroup", "fieldset", "label" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        var document = Parser.ParseDocument("<html><body>" + sanitizer.Sanitize(body) + "</body></html>");
        var remote = 0;
        foreach (var image in document.QuerySelectorAll("img").ToList())
        {
            image.RemoveAttribute("srcset");
            var src = image.GetAttribute("src") ?? "";
            if (src.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
            {
                if (InlineImage(mail, src[4..]) is { } data)
                {
                    image.SetAttribute("src", data);
                }
                else
                {
                    image.RemoveAttribute("src");
                }
            }
            else if (src.Length > 0)
            {
                remote++;
                if (!remoteImages)
                {
                    image.RemoveAttribute("src");
                    image.SetAttribute("data-remote-image", "blocked");
                    image.SetAttribute("alt", $"[remote image{(image.GetAttribute("alt") is { Length: > 0 } alt ? ": " + alt : "")}]");
                }
            }
        }

        // CSS can load images too (background: url(...)); without the operator's word such a style goes.
        foreach (var styled in document.QuerySelectorAll("[style]").ToList())
        {
            if (styled.GetAttribute("style")!.Contains("url(", StringComparison.OrdinalIgnoreCase))
            {
                remote++;
                if (!remoteImages)
                {
                    styled.RemoveAttribute("style");
                }
            }
        }

        foreach (var link in document.QuerySelectorAll("a[href]"))
        {
            link.SetAttribute("target", "_blank");
            link.SetAttribute("rel", "noopener noreferrer");
        }

        return (document.Body!.InnerHtml, remote);
    }

    /// <summary>The mail's own image of Content-ID <paramref name="contentId"/> as a data URI, or null.</summary>
    private static string? InlineImage(MimeMessage mail, string contentId)
    {
        var id = Uri.UnescapeDataString(contentId).Trim('<', '>');
        var part = mail.BodyParts.OfType<MimePart>().FirstOrDefault(p =>
            p.ContentId is { } cid && string.Equals(cid.Trim('<', '>'), id, StringComparison.OrdinalIgnoreCase)
            && p.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase));
        if (part?.Content is null)
        {
            return null;
        }

        using var bytes = new MemoryStream();
        part.Content.DecodeTo(bytes);
        // Only raster types the browser shows as pictures: an SVG could carry script or remote loads.
        return bytes.Length is > 0 and <= MaxInlineImageBytes && part.ContentType.MimeType is "image/png" or "image/jpeg" or "image/gif" or "image/webp"
            ? $"data:{part.ContentType.MimeType};base64,{Convert.ToBase64String(bytes.GetBuffer(), 0, (int)bytes.Length)}"
            : null;
    }
}
