using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Channels.Media;
using Conversations.Channels.Meta.Graph;

namespace Conversations.Channels.Meta.WhatsApp;

/// <summary>
/// Downloads a customer's file by its WhatsApp media id (developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media):
/// <c>GET /{media-id}</c> gives a short-lived <c>url</c>, <c>mime_type</c> and <c>file_size</c>; the URL is fetched
/// with the same access token. A media id Meta no longer knows (it keeps media 30 days) is unavailable for good.
/// </summary>
public sealed class WhatsAppMediaSource(GraphClient graph) : IChannelMediaSource
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.WhatsApp;

    /// <inheritdoc />
    public async Task<ChannelMediaDownload> DownloadAsync(ChannelAccount account, string reference, CancellationToken cancellationToken)
    {
        var token = account.Credential ?? throw new ChannelMediaUnavailableException($"{account} has no access token.");
        JsonElement media;
        try
        {
            media = await graph.GetAsync(Uri.EscapeDataString(reference), token, cancellationToken);
        }
        catch (GraphApiException ex) when (ex.Status is >= 400 and < 500 && !GraphErrors.IsRateLimit(ex.Error))
        {
            throw new ChannelMediaUnavailableException($"WhatsApp media {reference}: {ex.Error}", ex);
        }

        if (media.ValueKind != JsonValueKind.Object || !media.TryGetProperty("url", out var urlValue) || urlValue.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(urlValue.GetString(), UriKind.Absolute, out var url))
        {
            throw new ChannelMediaUnavailableException($"WhatsApp media {reference}: the Graph API gave no URL.");
        }

        var response = await graph.DownloadAsync(url, token, cancellationToken);
        var mime = media.TryGetProperty("mime_type", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : response.Content.Headers.ContentType?.MediaType;
        long? size = media.TryGetProperty("file_size", out var s) && s.TryGetInt64(out var bytes) ? bytes : response.Content.Headers.ContentLength;
        return new ChannelMediaDownload(new ResponseStream(await response.Content.ReadAsStreamAsync(cancellationToken), response), mime, null, size);
    }
}
