using System.Globalization;
using System.Net;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Persistence.Outbox;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Conversations.Channels.Telegram;

/// <summary>Sends outbound messages with the Telegram Bot API (text, photo, link buttons, inline keyboards) and classifies failures.</summary>
public sealed class TelegramSender(TelegramClientFactory clients) : IChannelSender
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Telegram;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutboxEntry entry, CancellationToken cancellationToken)
    {
        var client = clients.For(account.Credential ?? throw new InvalidOperationException($"{account} has no bot token."));
        var chatId = new ChatId(long.Parse(entry.To.ChatId, CultureInfo.InvariantCulture));
        var limit = ChannelCatalog.For(ChannelKind.Telegram).MaxTextLength;
        try
        {
            Message sent = entry.Content switch
            {
                TextContent text => await SendTextAsync(client, chatId, text.Text, Keyboard(text.Buttons), limit, cancellationToken),
                ImageContent image => await client.SendPhoto(chatId,
                    image.FileId is { } fileId ? InputFile.FromFileId(fileId) : InputFile.FromUri(image.Url!),
                    caption: Truncate(image.Caption, 1024), replyMarkup: Keyboard(image.Buttons), cancellationToken: cancellationToken),
                LinkContent link => await client.SendMessage(chatId, Truncate(link.Text ?? link.Title, limit)!,
                    replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithUrl(Truncate(link.Title, 64)!, link.Url)),
                    cancellationToken: cancellationToken),
                _ => await client.SendMessage(chatId, Truncate(entry.Content.ToPlainText(), limit) is { Length: > 0 } plain ? plain : "…",
                    cancellationToken: cancellationToken),
            };
            return DeliveryResult.Sent(sent.MessageId.ToString(CultureInfo.InvariantCulture));
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            return DeliveryResult.Later(TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1)), $"429: {ex.Message}");
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 403)
        {
            return DeliveryResult.Blocked($"403: {ex.Message}");
        }
        catch (ApiRequestException ex) when (ex.ErrorCode >= 500)
        {
            return DeliveryResult.Transient($"{ex.ErrorCode}: {ex.Message}");
        }
        catch (ApiRequestException ex)
        {
            return DeliveryResult.Permanent($"{ex.ErrorCode}: {ex.Message}");
        }
        catch (RequestException ex) when (ex.HttpStatusCode is null or >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout)
        {
            return DeliveryResult.Transient($"network: {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Transient($"network: {ex.Message}");
        }
    }

    /// <summary>Answers a callback query so the button stops spinning in the customer's app.</summary>
    public async Task AnswerCallbackAsync(ChannelAccount account, string callbackQueryId, CancellationToken cancellationToken) =>
        await clients.For(account.Credential!).AnswerCallbackQuery(callbackQueryId, cancellationToken: cancellationToken);

    private static async Task<Message> SendTextAsync(ITelegramBotClient client, ChatId chatId, string text, InlineKeyboardMarkup? keyboard, int limit, CancellationToken cancellationToken)
    {
        // Texts over Telegram's limit go as several messages; the buttons ride on the last one.
        var parts = Split(text, limit);
        Message? last = null;
        for (var i = 0; i < parts.Count; i++)
        {
            last = await client.SendMessage(chatId, parts[i], replyMarkup: i == parts.Count - 1 ? keyboard : null, cancellationToken: cancellationToken);
        }

        return last!;
    }

    internal static IReadOnlyList<string> Split(string text, int limit)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ["…"];
        }

        var parts = new List<string>();
        var rest = text;
        while (rest.Length > limit)
        {
            var cut = rest.LastIndexOf('\n', limit - 1, limit / 2);
            cut = cut > 0 ? cut : limit;
            if (char.IsHighSurrogate(rest[cut - 1]))
            {
                cut--; // never split an emoji in half
            }

            parts.Add(rest[..cut]);
            rest = rest[cut..].TrimStart('\n');
        }

        parts.Add(rest);
        return parts;
    }

    private static InlineKeyboardMarkup? Keyboard(IReadOnlyList<Button>? buttons)
    {
        if (buttons is not { Count: > 0 })
        {
            return null;
        }

        // One button per row: menus read top to bottom and long labels stay whole.
        return new InlineKeyboardMarkup(buttons.Select(b => new[]
        {
            b.Url is { } url
                ? InlineKeyboardButton.WithUrl(Truncate(b.Label, 64)!, url)
                : InlineKeyboardButton.WithCallbackData(Truncate(b.Label, 64)!, CallbackData(b.Payload ?? b.Label)),
        }));
    }

    /// <summary>Telegram allows 1–64 bytes of callback data.</summary>
    private static string CallbackData(string payload)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(payload);
        if (bytes.Length <= 64)
        {
            return payload;
        }

        var cut = 64;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return System.Text.Encoding.UTF8.GetString(bytes, 0, cut);
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
