using MimeKit;

namespace Conversations.Channels.Email.Tests;

/// <summary>A customer's HTML mail as mail clients send it: a reply above the quoted history, a tracker, an inline logo, hostile markup.</summary>
internal static class OriginalMailSamples
{
    /// <summary>A 1×1 PNG (the inline logo).</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>
    /// From <paramref name="from"/> (shown as <paramref name="name"/>): HTML with a remote image, a CSS background from
    /// the web, a script, an event handler and a form, a logo by cid:, a quoted earlier mail; a text alternative; a PDF.
    /// </summary>
    public static MimeMessage HtmlMail(string from, string name, string subject)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(name, from));
        mail.To.Add(MailboxAddress.Parse(Conversations.Testing.Email.Smtp4devServer.SupportAddress));
        mail.Cc.Add(new MailboxAddress("Boris", "boris@customer.test"));
        mail.Subject = subject;
        mail.MessageId = $"{Guid.NewGuid():N}@customer.test";
        var builder = new BodyBuilder
        {
            TextBody = "The parcel came damaged.\n\nOn Mon, Shop support wrote:\n> Your order has shipped.",
            HtmlBody = """
                <div onclick="alert(1)"><p>The parcel came <b>damaged</b>.</p>
                <img src="https://tracker.example/open.gif?u=42" alt="pixel" width="1" height="1">
                <div style="background: url(https://tracker.example/bg.png)">Styled from the web</div>
                <img src="cid:logo@customer.test" alt="logo">
                <script>document.title = 'owned'</script>
                <form action="https://evil.example/"><input name="card"></form>
                <a href="https://customer.example/order/42">my order</a></div>
                <blockquote>On Mon, Shop support wrote:<br>Your order has shipped.</blockquote>
                """,
        };
        var logo = builder.LinkedResources.Add("logo.png", Png, new ContentType("image", "png"));
        logo.ContentId = "logo@customer.test";
        builder.Attachments.Add("invoice.pdf", "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"u8.ToArray(), new ContentType("application", "pdf"));
        mail.Body = builder.ToMessageBody();
        return mail;
    }
}
