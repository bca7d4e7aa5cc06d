using System.Globalization;
using System.Net;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Channels.Media;
using Conversations.Persistence.Media;
using Conversations.Testing;
using Conversations.Testing.Telegram;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// A customer's photo or file: webhook acknowledged first, then fetched in the background from the Bot API stand-in
/// (getFile and the file download), kept in the media store and linked to the stored message.
/// </summary>
public sealed class TelegramMediaTests(TelegramGatewayFixture telegram) : IClassFixture<TelegramGatewayFixture>
{
    // A 1x1 PNG (the signature, IHDR, IDAT and IEND chunks).
    internal static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_photo_through_the_webhook_is_fetched_once_stored_with_its_sniffed_type_and_linked_to_the_message()
    {
        var user = Fixture.NewUserId();
        var fileId = $"photo-{user}";
        telegram.BotApi.AddFile(fileId, Png, $"photos/file_{user}.jpg");

        var response = await telegram.PostUpdateAsync(Fixture.Load("photo", user).Replace("large-file", fileId, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var media = await LinkedMediaAsync(user);
        Assert.NotNull(media.MediaId);
        Assert.Equal("image/png", media.ContentType); // the bytes say PNG; the path's ".jpg" is not believed
        Assert.Equal(Png.Length, media.Size);
        Assert.Equal(Png, await telegram.App.Service<IMediaStore>().ReadAsync(telegram.TenantId, media.MediaId!.Value));
        Assert.Single(telegram.BotApi.Succeeded("getFile"), c => c.Field("file_id") == fileId);
        var message = (await telegram.HistoryAsync(user)).First(m => m.Direction == MessageDirection.Customer);
        Assert.Null(message.EditedAt);
        Assert.Equal("Broken box on arrival", ((ImageContent)message.Content).Caption);
    }

    [Fact]
    public async Task A_program_sent_as_a_pdf_is_refused_and_the_message_says_why()
    {
        var user = Fixture.NewUserId();
        var fileId = $"doc-{user}";
        telegram.BotApi.AddFile(fileId, [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], $"documents/file_{user}.pdf");

        await telegram.PostUpdateAsync(Fixture.Load("document", user).Replace("doc-file-id", fileId, StringComparison.Ordinal));

        var media = await LinkedMediaAsync(user);
        Assert.Null(media.MediaId);
        Assert.Contains("application/x-msdownload", media.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_the_channel_no_longer_has_is_settled_with_the_channels_reason()
    {
        var user = Fixture.NewUserId();

        await telegram.PostUpdateAsync(Fixture.Load("photo", user).Replace("large-file", $"gone-{user}", StringComparison.Ordinal));

        var media = await LinkedMediaAsync(user);
        Assert.Null(media.MediaId);
        Assert.Contains("invalid file_id", media.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_download_is_retried_after_a_backoff_and_then_linked()
    {
        var user = Fixture.NewUserId();
        var fileId = $"flaky-{user}";
        telegram.BotApi.AddFile(fileId, Png, $"photos/flaky_{user}.png");
        telegram.BotApi.FailNext("getFile", 502, "Bad Gateway");

        await telegram.PostUpdateAsync(Fixture.Load("photo", user).Replace("large-file", fileId, StringComparison.Ordinal));
        await Eventually.HoldsAsync(() => telegram.BotApi.CallsOf("getFile").Any(c => c.Field("file_id") == fileId && c.Answered == 502), "the first, failing getFile");
        Assert.Null(await ImageMediaAsync(user));

        // The retry waits for the backoff on the fetcher's clock.
        await Eventually.AdvanceUntilAsync(telegram.Clock, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1),
            async () => await ImageMediaAsync(user) is { MediaId: not null }, "the photo linked after the retry");
        Assert.Equal(2, telegram.BotApi.CallsOf("getFile").Count(c => c.Field("file_id") == fileId));
    }

    [Theory]
    [InlineData("photo.png", "sendPhoto", "photo")]
    [InlineData("invoice.pdf", "sendDocument", "document")]
    public async Task An_operators_uploaded_file_reaches_the_bot_api_as_a_multipart_upload_of_the_same_bytes(string name, string method, string field)
    {
        var user = Fixture.NewUserId();
        await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "Пришлите, пожалуйста, счёт"));
        var conversation = telegram.App.Grains.GetGrain<IConversationGrain>(
            new ConversationKey(telegram.TenantId, (await telegram.HistoryAsync(user))[0].ConversationId).ToGrainKey());
        var olga = await telegram.App.Grains.GetGrain<ITenantGrain>(telegram.TenantId)
            .AddOperatorAsync(new NewOperator($"olga{user}", "Ольга", OperatorRole.Operator, 5, "correct horse battery"));
        await conversation.TakeAsync(new OperatorRef(olga.OperatorId, "Ольга"));
        byte[] bytes = name.EndsWith(".png", StringComparison.Ordinal) ? Png : [.. "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF"u8];
        var stored = await telegram.App.Service<MediaIntake>().StoreAsync(telegram.TenantId, new MemoryStream(bytes), name, null, CancellationToken.None);
        var attachment = MediaAttachment.Stored(stored.MediaId, stored.ContentType, stored.Size);
        MessageContent content = stored.ContentType == "image/png"
            ? new ImageContent(null, null, "Ваш файл", null, attachment)
            : new DocumentContent("", stored.FileName, stored.ContentType, "Ваш файл", attachment);

        await conversation.SendOperatorMessageAsync(olga.OperatorId, [content]);

        BotApiCall? call = null;
        await Eventually.AdvanceUntilAsync(telegram.Clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10),
            () => Task.FromResult((call = telegram.BotApi.Succeeded(method).LastOrDefault(c => c.Field("chat_id") == user.ToString(CultureInfo.InvariantCulture))) is not null),
            $"the {method} upload at the Bot API");
        Assert.Equal(bytes, telegram.BotApi.Upload(call!, field));
        Assert.Equal(name, telegram.BotApi.UploadName(call!, field));
        Assert.DoesNotContain(call!.Body, f => f.Key == "photo" && method == "sendDocument");
        Assert.Equal("Ваш файл", call!.Field("caption"));
    }

    private async Task<MediaAttachment> LinkedMediaAsync(long user)
    {
        MediaAttachment? media = null;
        await Eventually.HoldsAsync(async () => (media = await ImageMediaAsync(user)) is not null, "the customer's file linked to the message");
        return media!;
    }

    private async Task<MediaAttachment?> ImageMediaAsync(long user) =>
        (await telegram.HistoryAsync(user)).FirstOrDefault(m => m.Direction == MessageDirection.Customer)?.Content switch
        {
            ImageContent image => image.Media,
            DocumentContent document => document.Media,
            _ => null,
        };
}
