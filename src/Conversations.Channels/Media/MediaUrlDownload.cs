using System.Net;

namespace Conversations.Channels.Media;

/// <summary>
/// Downloads a customer's file from the URL a channel's mapper stored as its reference, for channels that serve files
/// by plain URL without the token (VK, Viber): not a URL, or 404, 410, 403 (the link expired or the file is gone) is
/// <see cref="ChannelMediaUnavailableException"/>; other failures throw, so the media store retries them.
/// </summary>
public static class MediaUrlDownload
{
    /// <summary>Downloads <paramref name="reference"/> with <paramref name="http"/>; <paramref name="platform"/> names the channel in errors.</summary>
    public static async Task<ChannelMediaDownload> GetAsync(HttpClient http, string reference, string platform, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(reference, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ChannelMediaUnavailableException($"The {platform} file reference is not a URL.");
        }

        var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Forbidden)
        {
            response.Dispose();
            throw new ChannelMediaUnavailableException($"{platform} answered {(int)response.StatusCode} for the file (its link may have expired).");
        }

        response.EnsureSuccessStatusCode();
        var content = response.Content;
        return new ChannelMediaDownload(await content.ReadAsStreamAsync(cancellationToken), content.Headers.ContentType?.MediaType,
            content.Headers.ContentDisposition?.FileName?.Trim('"'), content.Headers.ContentLength);
    }
}
