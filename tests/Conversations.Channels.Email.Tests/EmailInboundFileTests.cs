using Conversations.Abstractions.Messages;
using Conversations.Persistence.Media;
using MimeKit;

namespace Conversations.Channels.Email.Tests;

/// <summary>A customer's attachments and inline images go into the media store, each a message after the mail's text.</summary>
[Collection(EmailCollection.Name)]
public sealed class EmailInboundFileTests(EmailGatewayFixture email)
{
    // A 1×1 PNG: the media store tells the type from these bytes, not from the name.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"u8.ToArray(), .. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))];

    [Fact]
    public async Task An_attachment_and_an_inline_image_are_stored_and_follow_the_text_as_media_messages()
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var mail = EmailGatewayFixture.MailFrom(customer, "Broken kettle", "");
        var body = new BodyBuilder { TextBody = "Photo and receipt attached.", HtmlBody = "<p>Photo and receipt attached.</p><img src=\"cid:photo1\">" };
        var photo = body.LinkedResources.Add("photo.png", Png, new ContentType("image", "png"));
        photo.ContentId = "photo1";
        body.Attachments.Add("receipt.pdf", Pdf, new ContentType("application", "pdf"));
        mail.Body = body.ToMessageBody();

        await email.PushSignedAsync(mail);

        var history = (await email.HistoryAsync(customer)).Where(m => m.Direction == MessageDirection.Customer).ToList();
        Assert.Equal(3, history.Count);
        Assert.Equal("Broken kettle\n\nPhoto and receipt attached.", Assert.IsType<TextContent>(history[0].Content).Text);
        var files = history.Skip(1).Select(m => m.Content).ToList();
        var image = Assert.Single(files.OfType<ImageContent>());
        var document = Assert.Single(files.OfType<DocumentContent>());
        Assert.Equal("image/png", image.Media!.ContentType);
        Assert.Equal("receipt.pdf", document.FileName);
        Assert.Equal("application/pdf", document.Media!.ContentType);
        var store = email.App.Service<IMediaStore>();
        Assert.Equal(Png, await store.ReadAsync(email.TenantId, image.Media.MediaId!.Value));
        Assert.Equal(Pdf, await store.ReadAsync(email.TenantId, document.Media.MediaId!.Value));
    }

    [Fact]
    public async Task An_attachment_over_the_tenants_size_limit_is_refused_on_its_message_and_the_mail_is_still_stored()
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var mail = EmailGatewayFixture.MailFrom(customer, "Video of the problem", "See the video.");
        var body = new BodyBuilder { TextBody = "See the video." };
        body.Attachments.Add("problem.mp4", new byte[new MediaLimits().MaxFileBytes + 1], new ContentType("video", "mp4"));
        mail.Body = body.ToMessageBody();

        await email.PushSignedAsync(mail);

        var history = (await email.HistoryAsync(customer)).Where(m => m.Direction == MessageDirection.Customer).ToList();
        Assert.Equal("Video of the problem\n\nSee the video.", Assert.IsType<TextContent>(history[0].Content).Text);
        var refused = Assert.IsType<DocumentContent>(Assert.Single(history.Skip(1)).Content);
        Assert.Equal("problem.mp4", refused.FileName);
        Assert.Null(refused.Media!.MediaId);
        Assert.Contains("the largest accepted is", refused.Media.Problem, StringComparison.Ordinal);
    }
}
