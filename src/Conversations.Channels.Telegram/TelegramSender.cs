using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Channels.Rendering;
using Conversations.Persistence.Media;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Conversations.Channels.Telegram;

/// <summary>
/// Sends outbound messages with the Telegram Bot API (text, photo, uploaded photos and files, link buttons, inline
/// keyboards); menus that do not
/// fit an inline keyboard go as numbered text (<see cref="MenuRenderer"/>), failures are classified by
/// <see cref="TelegramSendErrorClassifier"/>.
/// </summary>
public sealed class TelegramSender(TelegramClientFactory clients, TelegramSendErrorClassifier errors, IMediaStore media) : IChannelSender
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Telegram;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken)
    {
        var client = clients.For(account.Credential ?? throw new InvalidOperationException($"{account} has no bot token."));
        var chatId = new ChatId(long.Parse(message.To.ChatId, CultureInfo.InvariantCulture));
        var channel = ChannelCatalog.For(ChannelKind.Telegram);
        var limit = channel.MaxTextLength;
        try
        {
            if (message.Content is ImageContent { Media.MediaId: { } imageId } upload && upload.Url is null && upload.FileId is null)
            {
                return await SendUploadAsync(client, chatId, message.TenantId, imageId, upload.Caption, asPhoto: true, cancellationToken);
            }

            if (message.Content is DocumentContent { Media.MediaId: { } fileId } document && document.FileId.Length == 0)
            {
                return await SendUploadAsync(client, chatId, message.TenantId, fileId, document.Caption, asPhoto: false, cancellationToken);
            }

            Message sent = message.Content switch
            {
                TextContent text => await SendTextAsync(client, chatId, MenuRenderer.Fit(text, channel), limit, cancellationToken),
                ImageContent image => await SendPhotoAsync(client, chatId, image, channel, cancellationToken),
                LinkContent link => await client.SendMessage(chatId, Truncate(link.Text ?? link.Title, limit)!,
                    replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithUrl(Truncate(link.Title, 64)!, link.Url)),
                    cancellationToken: cancellationToken),
                _ => await client.SendMessage(chatId, Truncate(message.Content.ToPlainText(), limit) is { Length: > 0 } plain ? plain : "…",
                    cancellationToken: cancellationToken),
            };
            return DeliveryResult.Sent(sent.MessageId.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (errors.Classify(ex) is { } failure)
        {
            return failure;
        }
    }

    /// <summary>
    /// Uploads a stored file as multipart (core.telegram.org/bots/api#sending-files): a photo with sendPhoto when it is
    /// one and within the photo limit of 10 MB (core.telegram.org/bots/api#sendphoto), anything else with sendDocument
    /// (up to 50 MB for bots).
    /// </summary>
    private async Task<DeliveryResult> SendUploadAsync(ITelegramBotClient client, ChatId chatId, Guid tenantId, Guid mediaId, string? caption, bool asPhoto,
        CancellationToken cancellationToken)
    {
        var file = await media.FindAsync(tenantId, mediaId, cancellationToken);
        var bytes = file is null ? null : await media.ReadAsync(tenantId, mediaId, cancellationToken);
        if (file is null || bytes is null)
        {
            return DeliveryResult.Permanent("The file is no longer stored.");
        }

        await using var stream = new MemoryStream(bytes, writable: false);
        var input = InputFile.FromStream(stream, file.FileName ?? $"{mediaId:N}{Extension(file.ContentType)}");
        var sent = asPhoto && bytes.Length <= MaxPhotoBytes
            ? await client.SendPhoto(chatId, input, caption: Truncate(caption, 1024), cancellationToken: cancellationToken)
            : await client.SendDocument(chatId, input, caption: Truncate(caption, 1024), cancellationToken: cancellationToken);
        return DeliveryResult.Sent(sent.MessageId.ToString(CultureInfo.InvariantCulture));
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "application/pdf" => ".pdf",
        _ => "",
    };

    /// <summary>Answers a callback query so the button stops spinning in the customer's app.</summary>
    public async Task AnswerCallbackAsync(ChannelAccount account, string callbackQueryId, CancellationToken cancellationToken) =>
        await clients.For(account.Credential!).AnswerCallbackQuery(callbackQueryId, cancellationToken: cancellationToken);

    private static async Task<Message> SendTextAsync(ITelegramBotClient client, ChatId chatId, TextContent text, int limit, CancellationToken cancellationToken)
    {
        // Texts over Telegram's limit go as several messages; the buttons ride on the last one.
        var keyboard = Keyboard(text.Buttons);
        var parts = TextSplitter.Split(text.Text, limit);
        Message? last = null;
        for (var i = 0; i < parts.Count; i++)
        {
            last = await client.SendMessage(chatId, parts[i], replyMarkup: i == parts.Count - 1 ? keyboard : null, cancellationToken: cancellationToken);
        }

        return last!;
    }

    /// <summary>Buttons already fitted by <see cref="MenuRenderer"/>, one per row: menus read top to bottom and long labels stay whole.</summary>
    private static InlineKeyboardMarkup? Keyboard(IReadOnlyList<Button>? buttons) =>
        buttons is { Count: > 0 }
            ? new InlineKeyboardMarkup(buttons.Select(b => new[]
            {
                b.Url is { } url
                    ? InlineKeyboardButton.WithUrl(b.Label, url)
                    : InlineKeyboardButton.WithCallbackData(b.Label, b.Payload ?? b.Label),
            }))
            : null;

    private static async Task<Message> SendPhotoAsync(ITelegramBotClient client, ChatId chatId, ImageContent image, ChannelCapabilities channel, CancellationToken cancellationToken)
    {
        // A menu that does not fit the keyboard goes into the caption as numbered lines.
        var fitted = image.Buttons is { Count: > 0 } ? MenuRenderer.Fit(new TextContent(image.Caption ?? "", image.Buttons), channel) : null;
        var caption = fitted is null ? image.Caption : fitted.Text.Length > 0 ? fitted.Text : null;
        return await client.SendPhoto(chatId,
            image.FileId is { } fileId ? InputFile.FromFileId(fileId) : InputFile.FromUri(image.Url!),
            caption: Truncate(caption, 1024), replyMarkup: Keyboard(fitted?.Buttons), cancellationToken: cancellationToken);
    }

    /// <summary>The largest photo sendPhoto accepts (core.telegram.org/bots/api#sendphoto).</summary>
    private const long MaxPhotoBytes = 10L * 1024 * 1024;

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
