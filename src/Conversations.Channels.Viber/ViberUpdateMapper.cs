using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Viber.Api;
using Conversations.Channels.Viber.Inbound;
using Conversations.Channels.Webhooks;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Viber;

/// <summary>
/// Maps a Viber callback to the platform's contract records at the edge (developers.viber.com/docs/api/rest-bot-api/#callbacks).
/// Missing fields lead to <see cref="ViberIgnored"/> or <see cref="UnsupportedContent"/>, never to an exception.
/// A keyboard reply arrives as a text message whose text is the button's label and whose <c>tracking_data</c> is the
/// one our menu carried (<see cref="ViberTrackingData"/>): it becomes a button press with the button's payload.
/// </summary>
public sealed class ViberUpdateMapper(IOptions<ViberOptions> options, TimeProvider time)
{
    private readonly ViberOptions _options = options.Value;

    /// <summary>What <paramref name="callback"/>, received by <paramref name="account"/>, means.</summary>
    public ViberInbound Map(ViberCallback callback, ChannelAccount account) => callback.Event switch
    {
        "message" => MapMessage(callback, account),
        "subscribed" when UserId(callback.User?.Id) is { } user => new ViberReachability(Identity(account, user), true),
        "unsubscribed" when UserId(callback.UserId) is { } user => new ViberReachability(Identity(account, user), false),
        "conversation_started" when UserId(callback.User?.Id) is { } user => new ViberConversationStarted(Identity(account, user), callback.User?.Language,
            CleanOrNull(callback.Context), new ChannelAddress(ChannelKind.Viber, account.Key.Account, user),
            new SenderProfile(CleanOrNull(callback.User?.Name), null, Language(callback.User?.Language))),
        "delivered" or "seen" or "failed" when callback.Token is { } token && UserId(callback.UserId) is { } user =>
            new ViberReceipt(callback.Event, token, user, callback.Desc is null ? null : Clean(callback.Desc),
                new ChannelAddress(ChannelKind.Viber, account.Key.Account, user)),
        "webhook" => new ViberIgnored("webhook check"),
        _ => new ViberIgnored($"event {callback.Event} without the fields it needs, or not handled"),
    };

    private ViberInbound MapMessage(ViberCallback callback, ChannelAccount account)
    {
        if (callback.Token is not { } token)
        {
            return new ViberIgnored("message without message_token");
        }

        if (UserId(callback.Sender?.Id) is not { } user || callback.Message is not { } message)
        {
            return new ViberIgnored("message without a sender or a message");
        }

        var sender = callback.Sender!;
        var inbound = new InboundMessage(
            Identity(account, user), new ChannelAddress(ChannelKind.Viber, account.Key.Account, user),
            InboundDedupKey.For(ChannelKind.Viber, account.Key.Account, token), token, Content(message), SentAt(callback.Timestamp),
            new SenderProfile(CleanOrNull(sender.Name), null, Language(sender.Language)));
        return new ViberInboundMessage(inbound);
    }

    private MessageContent Content(ViberMessage message)
    {
        var text = Clean(message.Text ?? "");
        var caption = text.Length > 0 ? text : null;
        switch (message.Type)
        {
            case "text" when text.Length == 0:
                return new UnsupportedContent("empty");
            case "text":
                return ViberTrackingData.PayloadOf(message.TrackingData, text) is { } payload
                    ? new ButtonPressContent(Clean(payload), text)
                    : new TextContent(text);
            case "picture" when Url(message.Media) is { } url:
                return new ImageContent(null, url, caption);
            case "video" when Url(message.Media) is { } url:
                return new DocumentContent(url, CleanOrNull(message.FileName) ?? "video.mp4", "video/mp4", caption);
            case "file" when Url(message.Media) is { } url:
                return new DocumentContent(url, CleanOrNull(message.FileName), MimeOf(message.FileName), caption);
            case "sticker" when Url(message.Media) is { } url:
                return new DocumentContent(url, "sticker.png", "image/png", caption);
            case "location" when message.Location is { } point:
                return point.Lat is >= -90 and <= 90 && point.Lon is >= -180 and <= 180
                    ? new LocationContent(point.Lat, point.Lon)
                    : new UnsupportedContent("invalid_location");
            case "contact" when message.Contact is { PhoneNumber: { Length: > 0 } phone } contact:
                return new ContactContent(Clean(phone), CleanOrNull(contact.Name), null, null);
            case "url" when Url(message.Media) is { } url:
                return new LinkContent(url, url, caption is null || caption == url ? null : caption);
            default:
                return new UnsupportedContent(string.IsNullOrEmpty(message.Type) ? "unknown" : Clean(message.Type));
        }
    }

    private static string? Url(string? media) =>
        Uri.TryCreate(media, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? media : null;

    private static string? MimeOf(string? fileName) => Path.GetExtension(fileName ?? "").TrimStart('.').ToLowerInvariant() switch
    {
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "jpg" or "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        _ => null,
    };

    /// <summary>A user id as Viber gives it (base64-like, e.g. <c>01234567890A=</c>), or null when missing or absurd.</summary>
    private static string? UserId(string? id) =>
        string.IsNullOrWhiteSpace(id) || id.Length > 128 || id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) ? null : id;

    private static string? Language(string? language) =>
        language is { Length: >= 2 and <= 16 } && language.All(c => char.IsAsciiLetter(c) || c == '-') ? language : null;

    private string Clean(string text)
    {
        // PostgreSQL text and jsonb cannot hold NUL; nothing legitimate uses it.
        var cleaned = text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;
        return cleaned.Length <= _options.MaxTextLength ? cleaned : cleaned[.._options.MaxTextLength];
    }

    private string? CleanOrNull(string? text) => string.IsNullOrEmpty(text) ? null : Clean(text);

    private static ChannelIdentityKey Identity(ChannelAccount account, string userId) =>
        new(account.TenantId, ChannelKind.Viber, account.Key.Account, userId);

    /// <summary>The callback's time (epoch milliseconds), or the time of receipt when it is missing or out of range.</summary>
    private DateTimeOffset SentAt(long unixMilliseconds) =>
        unixMilliseconds is > 0 and < 253_402_300_799_000 ? DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds) : time.GetUtcNow();
}
