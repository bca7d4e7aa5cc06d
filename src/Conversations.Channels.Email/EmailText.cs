using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Conversations.Channels.Email;

/// <summary>
/// The text an operator sees of a mail: the text/plain body, or the HTML body sanitised (HtmlSanitizer: no scripts,
/// styles or remote resources) and flattened to lines; then the quoted history and the signature cut off (a reply's
/// new part only). The whole original is kept by the mail server; nothing here loads a remote image.
/// </summary>
public static partial class EmailText
{
    private static readonly HtmlSanitizer Sanitizer = new();
    private static readonly HtmlParser Parser = new();
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "pre", "hr",
    };

    /// <summary>The plain text of an HTML body.</summary>
    public static string FromHtml(string html)
    {
        var safe = Sanitizer.Sanitize(html);
        var document = Parser.ParseDocument("<html><body>" + safe + "</body></html>");
        var text = new StringBuilder();
        Append(document.Body!, text);
        return Regex.Replace(text.ToString(), "\n{3,}", "\n\n").Trim();
    }

    /// <summary>
    /// <paramref name="text"/> without the quoted history below the reply ("On … wrote:", "-----Original Message-----",
    /// Outlook's "From:" block, Russian clients' "… пишет:"/"… писал(а):", "&gt;" lines) and without the signature
    /// after the "-- " line (RFC 3676 4.3). The whole text when nothing would be left.
    /// </summary>
    public static string StripQuotesAndSignature(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var kept = new List<string>();
        foreach (var line in lines)
        {
            if (line == "-- " || line == "--" || QuoteHeader().IsMatch(line.Trim()))
            {
                break;
            }

            kept.Add(line);
        }

        // Trailing "> quoted" lines (a bottom quote without a header) go too.
        while (kept.Count > 0 && (kept[^1].StartsWith('>') || kept[^1].Trim().Length == 0))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        var result = string.Join('\n', kept).Trim();
        return result.Length == 0 ? text.Trim() : result;
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(Regex.Replace(t.Data, @"\s+", " "));
                    break;
                case IElement e:
                    var block = BlockTags.Contains(e.LocalName);
                    if (block && text.Length > 0 && text[^1] != '\n')
                    {
                        text.Append('\n');
                    }

                    if (e.LocalName == "blockquote")
                    {
                        break; // quoted history in HTML replies
                    }

                    Append(e, text);
                    if (block && text.Length > 0 && text[^1] != '\n')
                    {
                        text.Append('\n');
                    }

                    break;
            }
        }
    }

    [GeneratedRegex(@"^(On .{1,200} wrote:|-{2,}\s*Original Message\s*-{2,}|-{2,}\s*Исходное сообщение\s*-{2,}|From:\s.+@.+|От:\s.+@.+|.{0,200}(пишет|писал\(а\)|написал\(а\)|wrote):)$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();
}
