using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Telegram.Inbound;
using Conversations.Channels.Webhooks;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

using Message = Telegram.Bot.Types.Message;

namespace Conversations.Channels.Telegram;

/// <summary>
/// Maps a Telegram <see cref="Update"/> to the platform's contract records at the edge; nothing Telegram-specific
/// goes further in. Missing fields lead to <see cref="TelegramIgnored"/>, never to an exception.
/// </summary>
public sealed class TelegramUpdateMapper(IOptions<TelegramOptions> options, TimeProvider time)
{
    private readonly TelegramOptions _options = options.Value;

    /// <summary>What <paramref name="update"/>, received by <paramref name="account"/>, means.</summary>
    public TelegramInbound Map(Update update, ChannelAccount account)
    {
        if (update.Message is { } message)
        {
            return MapMessage(update.Id, message, account);
        }

        if (update.EditedMessage is { } edited)
        {
            return MapEdit(edited, account);
        }

        if (update.CallbackQuery is { } callback)
        {
            return MapCallback(update.Id, callback, account);
        }

        if (update.MyChatMember is { } member)
        {
            return MapMemberChange(member, account);
        }

        return new TelegramIgnored($"update kind {update.Type} is not handled");
    }

    private TelegramInbound MapMessage(int updateId, Message message, ChannelAccount account)
    {
        if (Refuse(message.Chat, message.From) is { } reason)
        {
            return new TelegramIgnored(reason);
        }

        var from = message.From!;
        var content = Content(message);
        var inbound = new InboundMessage(
            Identity(account, from.Id), Address(account, message.Chat.Id), DedupKey(account, updateId),
            message.Id.ToString(CultureInfo.InvariantCulture), content, SentAt(message.Date), Sender(from), Verified(message, from));
        return new TelegramInboundMessage(inbound);
    }

    private TelegramInbound MapEdit(Message message, ChannelAccount account)
    {
        if (Refuse(message.Chat, message.From) is { } reason)
        {
            return new TelegramIgnored(reason);
        }

        var editedAt = SentAt(message.EditDate ?? message.Date);
        return new TelegramInboundEdit(new InboundEdit(Identity(account, message.From!.Id),
            message.Id.ToString(CultureInfo.InvariantCulture), Content(message), editedAt));
    }

    private TelegramInbound MapCallback(int updateId, CallbackQuery callback, ChannelAccount account)
    {
        if (callback.From is null || callback.From.IsBot)
        {
            return new TelegramIgnored("callback query without a human sender");
        }

        if (callback.Message is { Chat: { Type: not ChatType.Private } } && !_options.AcceptGroupChats)
        {
            return new TelegramIgnored("callback query from a group chat");
        }

        var payload = Clean(callback.Data ?? "");
        var label = LabelOf(callback.Message as Message, callback.Data);
        var chatId = callback.Message?.Chat.Id ?? callback.From.Id;
        var inbound = new InboundMessage(
            Identity(account, callback.From.Id), Address(account, chatId), DedupKey(account, updateId),
            null, new ButtonPressContent(payload, label), time.GetUtcNow(), Sender(callback.From));
        return new TelegramInboundMessage(inbound, callback.Id);
    }

    private TelegramInbound MapMemberChange(ChatMemberUpdated change, ChannelAccount account)
    {
        if (change.Chat.Type != ChatType.Private || change.From is null)
        {
            return new TelegramIgnored("membership change outside a private chat");
        }

        return change.NewChatMember.Status switch
        {
            ChatMemberStatus.Kicked or ChatMemberStatus.Left => new TelegramReachabilityChange(Identity(account, change.From.Id), Reachable: false),
            ChatMemberStatus.Member => new TelegramReachabilityChange(Identity(account, change.From.Id), Reachable: true),
            _ => new TelegramIgnored($"membership status {change.NewChatMember.Status}"),
        };
    }

    private string? Refuse(Chat? chat, User? from)
    {
        if (chat is null || from is null)
        {
            return "message without chat or sender";
        }

        if (from.IsBot)
        {
            return "message from a bot";
        }

        return chat.Type != ChatType.Private && !_options.AcceptGroupChats ? $"{chat.Type} chats are ignored" : null;
    }

    private MessageContent Content(Message message)
    {
        if (message.Text is { } text)
        {
            return new TextContent(Clean(text));
        }

        if (message.Photo is { Length: > 0 } photos)
        {
            // Telegram sends every size; keep the largest.
            var largest = photos.MaxBy(p => (long)p.Width * p.Height)!;
            return new ImageContent(null, largest.FileId, CleanOrNull(message.Caption));
        }

        if (message.Document is { } document)
        {
            return new DocumentContent(document.FileId, CleanOrNull(document.FileName), document.MimeType, CleanOrNull(message.Caption));
        }

        if (message.Contact is { } contact)
        {
            return new ContactContent(Clean(contact.PhoneNumber), CleanOrNull(contact.FirstName), CleanOrNull(contact.LastName),
                contact.UserId?.ToString(CultureInfo.InvariantCulture));
        }

        if ((message.Venue?.Location ?? message.Location) is { } location)
        {
            // A point off the globe (NaN, Infinity, 1e309) cannot be stored, shown or written as JSON: kept as what it is.
            return IsOnGlobe(location.Latitude, location.Longitude)
                ? new LocationContent(location.Latitude, location.Longitude)
                : new UnsupportedContent("invalid_location");
        }

        return new UnsupportedContent(KindOf(message));
    }

    private static bool IsOnGlobe(double latitude, double longitude) => latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    private static string KindOf(Message message)
    {
        var kind = message.Type.ToString();
        return kind == "Unknown" ? "unknown" : string.Concat(kind.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }

    private static string? LabelOf(Message? message, string? data) =>
        message?.ReplyMarkup is InlineKeyboardMarkup keyboard
            ? keyboard.InlineKeyboard.SelectMany(row => row).FirstOrDefault(b => b.CallbackData == data)?.Text
            : null;

    private string Clean(string text)
    {
        // PostgreSQL text and jsonb cannot hold NUL; nothing legitimate uses it.
        var cleaned = text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;
        return cleaned.Length <= _options.MaxTextLength ? cleaned : cleaned[.._options.MaxTextLength];
    }

    private string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    private static ChannelIdentityKey Identity(ChannelAccount account, long userId) =>
        new(account.TenantId, ChannelKind.Telegram, account.Key.Account, userId.ToString(CultureInfo.InvariantCulture));

    private static ChannelAddress Address(ChannelAccount account, long chatId) =>
        new(ChannelKind.Telegram, account.Key.Account, chatId.ToString(CultureInfo.InvariantCulture));

    private static string DedupKey(ChannelAccount account, int updateId) =>
        InboundDedupKey.For(ChannelKind.Telegram, account.Key.Account, updateId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The phone number Telegram vouches for: a contact the sender shared of themselves (Contact.user_id is the
    /// sender's own id, which only the "share my phone number" button produces; core.telegram.org/bots/api#contact).
    /// A contact of someone else proves nothing about the sender.
    /// </summary>
    private static VerifiedFacts? Verified(Message message, User from) =>
        message.Contact is { UserId: { } contactUser, PhoneNumber: { Length: > 0 } phone } && contactUser == from.Id
            ? new VerifiedFacts(Phone: phone)
            : null;

    private static SenderProfile Sender(User user)
    {
        var name = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))).Replace("\0", "", StringComparison.Ordinal);
        return new SenderProfile(name.Length == 0 ? null : name, user.Username, user.LanguageCode);
    }

    /// <summary>
    /// The date Telegram gives, or the time of receipt when it gives none we can use (<see cref="TelegramUpdateJson"/>
    /// reads an out-of-range date as the epoch): the message is kept either way, acknowledged updates are never lost.
    /// </summary>
    private DateTimeOffset SentAt(DateTime date) =>
        date <= DateTime.UnixEpoch ? time.GetUtcNow() : new(DateTime.SpecifyKind(date, DateTimeKind.Utc));
}
