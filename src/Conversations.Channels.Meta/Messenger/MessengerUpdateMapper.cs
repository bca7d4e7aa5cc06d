using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Meta.Messenger.Inbound;
using Conversations.Channels.Meta.Messenger.Json;
using Conversations.Channels.Webhooks;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Meta.Messenger;

/// <summary>
/// Maps one Messenger Platform messaging event (Messenger or Instagram, the same shape) to contract records: text,
/// attachments (images by their URL, other files as documents), quick replies and postbacks as button presses, an
/// m.me/ad referral with a <c>ref</c> as <c>/start ref</c> text; delivery and read receipts as receipts; an echo
/// (<c>is_echo</c>) of a message typed in Meta's inbox as the business's reply (echoes of our own sends and
/// reactions are acknowledged and not stored). Missing fields are ignored, never thrown.
/// </summary>
public sealed class MessengerUpdateMapper(IOptions<MetaOptions> options, TimeProvider time)
{
    private readonly MetaOptions _options = options.Value;

    internal MessengerInbound Map(MsEvent e, ChannelAccount account)
    {
        var kind = account.Key.Kind;
        if (e.Message is { IsEcho: true } echo)
        {
            return PageReply(e, echo, account);
        }

        if (e.Sender?.Id is not { Length: > 0 } sender || sender == account.Key.Account)
        {
            return new MessengerIgnored("event without a customer as sender");
        }

        if (Receipt(e, account, sender) is { } receipt)
        {
            return receipt;
        }

        (string? EventId, MessageContent? Content) parsed = e switch
        {
            { Message: { Mid: { Length: > 0 } mid } message } => (mid, Content(message)),
            { Postback: { Payload: { Length: > 0 } payload } postback } =>
                (postback.Mid is { Length: > 0 } pmid ? pmid : $"postback:{e.Timestamp}:{payload}", new ButtonPressContent(Clean(payload), CleanOrNull(postback.Title))),
            { Referral.Ref: { Length: > 0 } reference } => ($"referral:{e.Timestamp}:{reference}", new TextContent("/start " + Clean(reference))),
            { Delivery: not null } => (null, null),
            { Read: not null } => (null, null),
            { Reaction: not null } => (null, null),
            _ => (null, (MessageContent?)null),
        };
        if (parsed is not { EventId: { } eventId, Content: { } content })
        {
            return new MessengerIgnored("receipt, reaction or unknown event");
        }

        return new MessengerInboundMessage(new InboundMessage(
            new ChannelIdentityKey(account.TenantId, kind, account.Key.Account, sender),
            new ChannelAddress(kind, account.Key.Account, sender),
            InboundDedupKey.For(kind, account.Key.Account, eventId),
            eventId, content, SentAt(e.Timestamp), SenderProfile.Unknown));
    }

    /// <summary>
    /// An echo (<c>sender</c> is the Page, <c>recipient</c> the customer): one of our own sends coming back (its
    /// <c>app_id</c> is the app the account is connected through) is ignored; one sent by another app, such as Meta's
    /// inbox where a person at the business typed it, is that person's reply to the customer.
    /// </summary>
    private MessengerInbound PageReply(MsEvent e, MsMessage echo, ChannelAccount account)
    {
        var ourApp = account.Settings?.GetValueOrDefault(MessengerSettings.AppId);
        if (echo.AppId is { } app && ourApp is not null && app.ToString(System.Globalization.CultureInfo.InvariantCulture) == ourApp)
        {
            return new MessengerIgnored("echo of our own send");
        }

        if (e.Recipient?.Id is not { Length: > 0 } customer || customer == account.Key.Account || echo.Mid is not { Length: > 0 } mid
            || Content(echo) is not { } content)
        {
            return new MessengerIgnored("echo without a customer, a mid or content");
        }

        var kind = account.Key.Kind;
        return new MessengerPageReply(new InboundMessage(
            new ChannelIdentityKey(account.TenantId, kind, account.Key.Account, customer),
            new ChannelAddress(kind, account.Key.Account, customer),
            InboundDedupKey.For(kind, account.Key.Account, mid),
            mid, content, SentAt(e.Timestamp), SenderProfile.Unknown));
    }

    /// <summary>
    /// A delivery (<c>delivery.watermark</c>, milliseconds) or read (<c>read.watermark</c>; Instagram: <c>read.mid</c>)
    /// receipt from the customer, or null for any other event or one without a watermark or mid.
    /// </summary>
    private static MessengerReceipt? Receipt(MsEvent e, ChannelAccount account, string sender)
    {
        var (status, body) = e switch
        {
            { Delivery: { ValueKind: System.Text.Json.JsonValueKind.Object } delivery } => (DeliveryStatus.Delivered, delivery),
            { Read: { ValueKind: System.Text.Json.JsonValueKind.Object } read } => (DeliveryStatus.Read, read),
            _ => (default, default(System.Text.Json.JsonElement)),
        };
        if (body.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return null;
        }

        DateTimeOffset? watermark = body.TryGetProperty("watermark", out var w) && w.TryGetInt64(out var ms) && ms is > 0 and < 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        var mid = body.TryGetProperty("mid", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.String && m.GetString() is { Length: > 0 and <= 512 } id ? id : null;
        return watermark is null && mid is null
            ? null
            : new MessengerReceipt(new ChannelAddress(account.Key.Kind, account.Key.Account, sender), status, watermark, mid);
    }

    private MessageContent Content(MsMessage message)
    {
        if (message.QuickReply?.Payload is { Length: > 0 } payload)
        {
            return new ButtonPressContent(Clean(payload), CleanOrNull(message.Text));
        }

        if (message.Text is { } text)
        {
            return new TextContent(Clean(text));
        }

        if (message.Attachments is [{ Type: { } type, Payload.Url: { Length: > 0 } url }, ..])
        {
            return type == "image" ? new ImageContent(null, url) : new DocumentContent(url, null, type switch
            {
                "audio" => "audio/*",
                "video" => "video/*",
                _ => null,
            });
        }

        return new UnsupportedContent(message.Attachments is [{ Type: { Length: > 0 and <= 64 } t }, ..] ? Clean(t) : "unknown");
    }

    private string Clean(string text)
    {
        var cleaned = text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;
        return cleaned.Length <= _options.MaxTextLength ? cleaned : cleaned[.._options.MaxTextLength];
    }

    private string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    /// <summary>Meta's timestamp (milliseconds since the epoch), or the time of receipt when it gives none we can use.</summary>
    private DateTimeOffset SentAt(long? milliseconds) =>
        milliseconds is > 0 and < 253_402_300_799_000 ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds.Value) : time.GetUtcNow();
}
