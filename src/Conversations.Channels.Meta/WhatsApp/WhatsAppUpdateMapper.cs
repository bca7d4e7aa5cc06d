using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Meta.WhatsApp.Inbound;
using Conversations.Channels.Meta.WhatsApp.Json;
using Conversations.Channels.Webhooks;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Meta.WhatsApp;

/// <summary>
/// Maps the value of one WhatsApp <c>messages</c> change, received by a connected number, to contract
/// records: every message and every status, none skipped. Media keep WhatsApp's media id (<see cref="WhatsAppMediaSource"/>
/// fetches it); audio, voice, video and stickers arrive as documents with their MIME type. Missing fields are ignored,
/// never thrown; unknown kinds become <see cref="UnsupportedContent"/>.
/// </summary>
public sealed class WhatsAppUpdateMapper(IOptions<MetaOptions> options, TimeProvider time)
{
    private readonly MetaOptions _options = options.Value;

    internal IReadOnlyList<WhatsAppInbound> Map(WaValue value, ChannelAccount account)
    {
        var result = new List<WhatsAppInbound>();
        foreach (var message in value.Messages ?? [])
        {
            result.Add(MapMessage(message, value, account));
        }

        foreach (var status in value.Statuses ?? [])
        {
            result.Add(status is { Id: { Length: > 0 } id, Status: { Length: > 0 } state }
                ? new WhatsAppStatusUpdate(id, state, status.RecipientId,
                    Guid.TryParse(status.BizOpaqueCallbackData, out var ours) ? ours : null,
                    [.. (status.Errors ?? []).Select(e => e.Code ?? 0)])
                : new WhatsAppIgnored("status without id or status"));
        }

        return result;
    }

    private WhatsAppInbound MapMessage(WaMessage message, WaValue value, ChannelAccount account)
    {
        if (message is not { From: { Length: > 0 } from, Id: { Length: > 0 } id })
        {
            return new WhatsAppIgnored("message without sender or id");
        }

        var profile = value.Contacts?.FirstOrDefault(c => c.WaId == from)?.Profile;
        var inbound = new InboundMessage(
            new ChannelIdentityKey(account.TenantId, ChannelKind.WhatsApp, account.Key.Account, from),
            new ChannelAddress(ChannelKind.WhatsApp, account.Key.Account, from),
            InboundDedupKey.For(ChannelKind.WhatsApp, account.Key.Account, id),
            id, Content(message), SentAt(message.Timestamp),
            new SenderProfile(CleanOrNull(profile?.Name), null, null),
            // The sender's WhatsApp ID is their phone number, which WhatsApp verified when they registered
            // (messages object, "from": the customer's phone number; developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components).
            new VerifiedFacts(Phone: from));
        return new WhatsAppInboundMessage(inbound);
    }

    private MessageContent Content(WaMessage message) => message.Type switch
    {
        "text" when message.Text?.Body is { } body => new TextContent(Clean(body)),
        "image" when message.Image?.Id is { Length: > 0 } mediaId => new ImageContent(null, mediaId, CleanOrNull(message.Image.Caption)),
        "document" when message.Document?.Id is { Length: > 0 } mediaId =>
            new DocumentContent(mediaId, CleanOrNull(message.Document.Filename), message.Document.MimeType, CleanOrNull(message.Document.Caption)),
        "audio" or "video" or "sticker" when Media(message) is { Id: { Length: > 0 } mediaId } media =>
            new DocumentContent(mediaId, null, media.MimeType, CleanOrNull(media.Caption)),
        "location" when message.Location is { Latitude: { } lat and >= -90 and <= 90, Longitude: { } lon and >= -180 and <= 180 } =>
            new LocationContent(lat, lon),
        "contacts" when message.Contacts is [var card, ..] && card.Phones?.FirstOrDefault(p => !string.IsNullOrEmpty(p.Phone)) is { } phone =>
            new ContactContent(Clean(phone.Phone!), CleanOrNull(card.Name?.FirstName ?? card.Name?.FormattedName), CleanOrNull(card.Name?.LastName), phone.WaId),
        "interactive" when (message.Interactive?.ButtonReply ?? message.Interactive?.ListReply) is { Id: { Length: > 0 } payload } reply =>
            new ButtonPressContent(Clean(payload), CleanOrNull(reply.Title)),
        "button" when message.Button is { Payload: { Length: > 0 } payload } button => new ButtonPressContent(Clean(payload), CleanOrNull(button.Text)),
        _ => new UnsupportedContent(KindOf(message.Type)),
    };

    private string KindOf(string? type)
    {
        var kind = string.IsNullOrEmpty(type) ? "unknown" : Clean(type);
        return kind.Length is > 0 and <= 64 ? kind : "unknown";
    }

    private static WaMedia? Media(WaMessage message) => message.Type switch
    {
        "audio" => message.Audio,
        "video" => message.Video,
        "sticker" => message.Sticker,
        _ => null,
    };

    private string Clean(string text)
    {
        // PostgreSQL text and jsonb cannot hold NUL; nothing legitimate uses it.
        var cleaned = text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;
        return cleaned.Length <= _options.MaxTextLength ? cleaned : cleaned[.._options.MaxTextLength];
    }

    private string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    /// <summary>WhatsApp's Unix timestamp (a string), or the time of receipt when it gives none we can use.</summary>
    private DateTimeOffset SentAt(string? timestamp) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : time.GetUtcNow();
}
