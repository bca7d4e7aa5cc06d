using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Api.Contracts;
using Conversations.Api.Contracts.Widget;
using Conversations.Channels.Webhooks;
using Conversations.Persistence.Media;

namespace Conversations.Channels.Widget;

/// <summary>Maps the visitor API's requests to the platform's contract records at the edge, refusing bad input with a clear message.</summary>
public sealed class WidgetUpdateMapper(TimeProvider time)
{
    /// <summary>Longest text a visitor may send (<see cref="FieldLimits.MessageText"/>).</summary>
    public const int MaxTextLength = FieldLimits.MessageText;

    /// <summary>The identity of a visitor of a widget.</summary>
    public static ChannelIdentityKey Identity(ChannelAccount account, Guid visitorId) =>
        new(account.TenantId, ChannelKind.Widget, account.Key.Account, visitorId.ToString("N"));

    /// <summary>
    /// The inbound message for a visitor's request; <paramref name="file"/> is the stored file its <c>mediaId</c> names
    /// (looked up in the tenant's store by the endpoint), sent as an image or a document with the text as its caption.
    /// </summary>
    public InboundMessage Map(ChannelAccount account, Guid visitorId, WidgetMessageRequest request, StoredMedia? file = null)
    {
        var clientId = request.ClientMessageId?.Trim();
        if (string.IsNullOrEmpty(clientId) || clientId.Length > FieldLimits.ClientMessageId)
        {
            throw DomainException.Invalid($"clientMessageId is required (1–{FieldLimits.ClientMessageId} characters, unique per message; a retry reuses it).");
        }

        MessageContent content;
        if (file is not null)
        {
            content = FileContent(file, string.IsNullOrWhiteSpace(request.Text) ? null : Clean(request.Text, MaxTextLength, "text"));
        }
        else if (!string.IsNullOrWhiteSpace(request.Payload))
        {
            // Refused rather than cut: a cut payload is not the button's any more, and the bot would not recognise it.
            content = new ButtonPressContent(Clean(request.Payload, FieldLimits.PressedButtonPayload, "payload"),
                request.Label is null ? null : Clean(request.Label, FieldLimits.PressedButtonPayload, "label"));
        }
        else if (!string.IsNullOrWhiteSpace(request.Text))
        {
            content = new TextContent(Clean(request.Text, MaxTextLength, "text"));
        }
        else
        {
            throw DomainException.Invalid("Send text, or the payload of a button.");
        }

        var identity = Identity(account, visitorId);
        return new InboundMessage(identity, new ChannelAddress(ChannelKind.Widget, account.Key.Account, identity.ExternalUserId),
            InboundDedupKey.For(ChannelKind.Widget, account.Key.Account, $"{visitorId:N}:{clientId}"), clientId, content, time.GetUtcNow(),
            new SenderProfile(VisitorName(visitorId), null, request.Language, GeneratedName: true));
    }

    /// <summary>
    /// The name a visitor has until they give theirs: "Website visitor" and the end of their id. Visitor ids are
    /// time-ordered (v7) GUIDs: their first characters are a timestamp that everyone arriving within hours shares, their
    /// last ones are random.
    /// </summary>
    public static string VisitorName(Guid visitorId) => $"Website visitor {visitorId.ToString("N")[^6..]}";

    /// <summary>
    /// A file we already keep as message content: an image the browser can show inline, anything else a document. No
    /// channel file id, so nothing is queued for fetching.
    /// </summary>
    public static MessageContent FileContent(StoredMedia file, string? caption)
    {
        var attachment = MediaAttachment.Stored(file.MediaId, file.ContentType, file.Size);
        return file.ContentType is "image/jpeg" or "image/png" or "image/gif" or "image/webp"
            ? new ImageContent(null, null, caption, null, attachment)
            : new DocumentContent("", file.FileName, file.ContentType, caption, attachment);
    }

    private static string Clean(string text, int max, string field)
    {
        var cleaned = text.Replace("\0", "", StringComparison.Ordinal).Trim();
        return cleaned.Length <= max
            ? cleaned
            : throw DomainException.Invalid($"{field}: at most {max} characters (this one has {cleaned.Length}).");
    }
}
