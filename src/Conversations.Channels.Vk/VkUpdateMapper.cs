using System.Globalization;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Vk.Api;
using Conversations.Channels.Vk.Inbound;
using Conversations.Channels.Webhooks;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Vk;

/// <summary>
/// Maps a Callback API notification to the platform's contract records at the edge. One-to-one conversations only
/// (a peer id from 2000000000 up is a group chat, dev.vk.com/method/messages.send); missing fields lead to
/// <see cref="VkIgnored"/> or <see cref="UnsupportedContent"/>, never to an exception. An <c>object</c> of the wrong
/// shape throws <see cref="JsonException"/> (the endpoint answers 400).
/// </summary>
public sealed class VkUpdateMapper(IOptions<VkOptions> options, TimeProvider time)
{
    /// <summary>Peer ids from here up are group chats.</summary>
    public const long FirstChatPeerId = 2_000_000_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly VkOptions _options = options.Value;

    /// <summary>What <paramref name="callback"/>, received by <paramref name="account"/>, means.</summary>
    public VkInbound Map(VkCallback callback, ChannelAccount account)
    {
        if (string.IsNullOrEmpty(callback.EventId))
        {
            return new VkIgnored("notification without event_id");
        }

        return callback.Type switch
        {
            "message_new" => MapNew(callback, account),
            "message_edit" => MapEdit(callback, account),
            "message_event" => MapEvent(callback, account),
            "message_allow" => MapPermission(callback, account, allowed: true),
            "message_deny" => MapPermission(callback, account, allowed: false),
            // Our own sends and replies typed in VK's community interface come back as message_reply: never answered.
            "message_reply" => MapReply(callback, account),
            _ => new VkIgnored($"notification type {callback.Type} is not handled"),
        };
    }

    private VkInbound MapNew(VkCallback callback, ChannelAccount account)
    {
        var body = Read<VkMessageNew>(callback);
        if (body?.Message is not { } message)
        {
            return new VkIgnored("message_new without a message");
        }

        if (Refuse(message) is { } reason)
        {
            return new VkIgnored(reason);
        }

        var inbound = new InboundMessage(
            Identity(account, message.FromId), Address(account, message.PeerId), DedupKey(account, callback.EventId!),
            message.Id.ToString(CultureInfo.InvariantCulture), Content(message), SentAt(message.Date), new SenderProfile(null, null, null),
            Referral: string.IsNullOrEmpty(message.Ref) ? null : Clean(message.Ref));
        return new VkInboundMessage(inbound, ClientInfo: body.ClientInfo is { } info
            ? new ChannelClientInfo(info.Keyboard, info.InlineKeyboard, info.Carousel, info.ButtonActions ?? [], info.LangId)
            : null);
    }

    /// <summary>
    /// A message the community sent: one an admin typed in VK's interface carries <c>admin_author_id</c> and is kept as
    /// an operator message; one without it is our own send through the API, already in the history.
    /// </summary>
    private VkInbound MapReply(VkCallback callback, ChannelAccount account)
    {
        var message = Read<VkMessage>(callback);
        if (message is not { AdminAuthorId: > 0 } || message.PeerId is <= 0 or >= FirstChatPeerId)
        {
            return new VkIgnored("message_reply: our own send, or not in a private chat");
        }

        var reply = new InboundMessage(
            Identity(account, message.PeerId), Address(account, message.PeerId), DedupKey(account, callback.EventId!),
            message.Id.ToString(CultureInfo.InvariantCulture), Content(message), SentAt(message.Date), new SenderProfile(null, null, null));
        return new VkOperatorReply(reply);
    }

    private VkInbound MapEdit(VkCallback callback, ChannelAccount account)
    {
        // message_edit's object is the message itself.
        var message = Read<VkMessage>(callback);
        if (message is null || Refuse(message) is not null || message.Id <= 0)
        {
            return new VkIgnored("message_edit not from a customer in a private chat");
        }

        return new VkInboundEdit(new InboundEdit(Identity(account, message.FromId), message.Id.ToString(CultureInfo.InvariantCulture),
            Content(message), SentAt(message.UpdateTime ?? message.Date)));
    }

    private VkInbound MapEvent(VkCallback callback, ChannelAccount account)
    {
        var press = Read<VkMessageEvent>(callback);
        if (press is null || press.UserId <= 0 || press.PeerId <= 0 || press.PeerId >= FirstChatPeerId || string.IsNullOrEmpty(press.EventId))
        {
            return new VkIgnored("message_event not from a customer in a private chat");
        }

        var payload = press.Payload is { } element ? VkButtonPayload.Unwrap(element) ?? Clean(element.GetRawText()) : "";
        var inbound = new InboundMessage(
            Identity(account, press.UserId), Address(account, press.PeerId), DedupKey(account, callback.EventId!),
            null, new ButtonPressContent(Clean(payload)), time.GetUtcNow(), new SenderProfile(null, null, null));
        return new VkInboundMessage(inbound, new VkEventAnswer(press.EventId, press.UserId, press.PeerId));
    }

    private static VkInbound MapPermission(VkCallback callback, ChannelAccount account, bool allowed)
    {
        var permission = Read<VkMessagePermission>(callback);
        return permission is { UserId: > 0 }
            ? new VkPermissionChange(Identity(account, permission.UserId), allowed)
            : new VkIgnored($"{callback.Type} without a user");
    }

    private static T? Read<T>(VkCallback callback) where T : class =>
        callback.EventObject is { ValueKind: JsonValueKind.Object } element ? element.Deserialize<T>(Json) : null;

    private static string? Refuse(VkMessage message)
    {
        if (message.FromId <= 0)
        {
            return "message from a community or without an author";
        }

        return message.PeerId is <= 0 or >= FirstChatPeerId ? "group chats are ignored" : null;
    }

    private MessageContent Content(VkMessage message)
    {
        var text = Clean(message.Text ?? "");
        if (message.Payload is { } payloadJson)
        {
            if (VkButtonPayload.Unwrap(payloadJson) is { } payload)
            {
                return new ButtonPressContent(Clean(payload), text.Length > 0 ? text : null);
            }
        }

        var caption = text.Length > 0 ? text : null;
        if (message.Attachments is { Count: > 0 } attachments)
        {
            return Attachment(attachments[0], caption);
        }

        if (message.Geo?.Coordinates is { } point)
        {
            return IsOnGlobe(point.Latitude, point.Longitude) ? new LocationContent(point.Latitude, point.Longitude) : new UnsupportedContent("invalid_location");
        }

        // A text, or the Start button's (or any foreign) payload with its label as the text.
        return text.Length > 0 ? new TextContent(text) : new UnsupportedContent("empty");
    }

    private MessageContent Attachment(VkAttachment attachment, string? caption)
    {
        switch (attachment.Type)
        {
            case "photo" when Largest(attachment.Photo?.Sizes) is { } url:
                return new ImageContent(null, url, caption);
            case "doc" when attachment.Doc is { Url: { Length: > 0 } url } doc:
                return new DocumentContent(url, CleanOrNull(doc.Title), MimeOf(doc.Ext), caption);
            case "audio_message" when attachment.AudioMessage is { } voice && (voice.LinkOgg ?? voice.LinkMp3) is { Length: > 0 } url:
                return new DocumentContent(url, voice.LinkOgg is not null ? "voice.ogg" : "voice.mp3", voice.LinkOgg is not null ? "audio/ogg" : "audio/mpeg", caption);
            case "sticker" when Largest(attachment.Sticker?.Images) is { } url:
                return new DocumentContent(url, "sticker.png", "image/png", caption);
            case "wall" when attachment.Wall is { } post:
                return new LinkContent(string.Create(CultureInfo.InvariantCulture, $"https://vk.com/wall{post.OwnerId}_{post.Id}"), "VK post", caption ?? CleanOrNull(post.Text));
            case "market" when attachment.Market is { } item:
                return new LinkContent(item.Url ?? string.Create(CultureInfo.InvariantCulture, $"https://vk.com/product{item.OwnerId}_{item.Id}"),
                    CleanOrNull(item.Title) ?? "VK product", caption);
            case "link" when attachment.Link is { Url: { Length: > 0 } url } link:
                return new LinkContent(url, CleanOrNull(link.Title) ?? url, caption);
            default:
                return new UnsupportedContent(string.IsNullOrEmpty(attachment.Type) ? "unknown" : Clean(attachment.Type));
        }
    }

    /// <summary>The URL of the largest image, or null when none has one.</summary>
    private static string? Largest(IReadOnlyList<VkImage>? images) =>
        images?.Where(i => !string.IsNullOrEmpty(i.Url)).MaxBy(i => (long)i.Width * i.Height)?.Url;

    private static string? MimeOf(string? ext) => ext?.ToLowerInvariant() switch
    {
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "jpg" or "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        _ => null,
    };

    private static bool IsOnGlobe(double latitude, double longitude) => latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    private string Clean(string text)
    {
        // PostgreSQL text and jsonb cannot hold NUL; nothing legitimate uses it.
        var cleaned = text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;
        return cleaned.Length <= _options.MaxTextLength ? cleaned : cleaned[.._options.MaxTextLength];
    }

    private string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    private static ChannelIdentityKey Identity(ChannelAccount account, long userId) =>
        new(account.TenantId, ChannelKind.Vk, account.Key.Account, userId.ToString(CultureInfo.InvariantCulture));

    private static ChannelAddress Address(ChannelAccount account, long peerId) =>
        new(ChannelKind.Vk, account.Key.Account, peerId.ToString(CultureInfo.InvariantCulture));

    private static string DedupKey(ChannelAccount account, string eventId) => InboundDedupKey.For(ChannelKind.Vk, account.Key.Account, eventId);

    /// <summary>The date VK gives, or the time of receipt when it is missing or out of range: the message is kept either way.</summary>
    private DateTimeOffset SentAt(long unixSeconds) =>
        unixSeconds is > 0 and < 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds) : time.GetUtcNow();
}
