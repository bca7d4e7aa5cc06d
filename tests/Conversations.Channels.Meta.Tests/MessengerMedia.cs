using Conversations.Abstractions.Messages;
using Conversations.Persistence.Media;
using Conversations.Testing;
using Conversations.Testing.Channels;

namespace Conversations.Channels.Meta.Tests;

/// <summary>Files customers send on Messenger and Instagram are kept in our media store (their CDN links expire).</summary>
public static class MessengerMedia
{
    // A 1×1 PNG.
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>Delivers an image and a PDF through the real webhook and waits for both to be stored and linked.</summary>
    public static async Task AttachmentsAreStoredAndLinkedAsync(MessengerPlatformDriver driver)
    {
        var name = Guid.NewGuid().ToString("N");
        byte[] pdf = [.. "%PDF-1.7\n"u8.ToArray(), .. new byte[300]];
        var image = driver.AttachmentSample("image", driver.Graph.ServeAttachment(name + ".png", Png, "image/png"));
        var file = driver.AttachmentSample("file", driver.Graph.ServeAttachment(name + ".pdf", pdf, "application/pdf"));
        var gone = driver.AttachmentSample("image", driver.Graph.ServeAttachment(name + "-expired.png", Png, "image/png").Replace("-expired", "-never-served", StringComparison.Ordinal));

        foreach (var sample in new[] { image, file, gone })
        {
            (await driver.DeliverAsync(sample, WebhookCredential.Valid)).EnsureSuccessStatusCode();
        }

        var store = driver.App.Service<IMediaStore>();
        MediaAttachment? imageMedia = null, fileMedia = null, goneMedia = null;
        await Eventually.HoldsAsync(async () =>
        {
            imageMedia = (await driver.StoredFromAsync(image)).Select(m => m.Content).OfType<ImageContent>().FirstOrDefault()?.Media;
            fileMedia = (await driver.StoredFromAsync(file)).Select(m => m.Content).OfType<DocumentContent>().FirstOrDefault()?.Media;
            goneMedia = (await driver.StoredFromAsync(gone)).Select(m => m.Content).OfType<ImageContent>().FirstOrDefault()?.Media;
            return imageMedia is not null && fileMedia is not null && goneMedia is not null;
        }, "all three files settled");

        Assert.Equal("image/png", imageMedia!.ContentType);
        Assert.Equal(Png, await store.ReadAsync(driver.TenantId, imageMedia.MediaId!.Value));
        Assert.Equal("application/pdf", fileMedia!.ContentType);
        Assert.Equal(pdf, await store.ReadAsync(driver.TenantId, fileMedia.MediaId!.Value));
        // An expired link is settled at once with the reason, not retried for hours.
        Assert.Null(goneMedia!.MediaId);
        Assert.Contains("404", goneMedia.Problem, StringComparison.Ordinal);
    }
}
