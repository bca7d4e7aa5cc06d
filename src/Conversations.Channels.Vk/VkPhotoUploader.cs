using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Conversations.Channels.Vk.Api;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Vk;

/// <summary>
/// Puts an image into a VK message the way VK requires (dev.vk.com/api/upload/photo-in-message): takes its bytes (an
/// operator's stored upload) or fetches it from its URL (under the outbound URL policy, at most <see cref="MaxPhotoBytes"/>), asks <c>photos.getMessagesUploadServer</c> for
/// an upload URL for the chat, posts the file there as the multipart field <c>photo</c>, and saves the answer's
/// <c>server</c>, <c>photo</c> and <c>hash</c> with <c>photos.saveMessagesPhoto</c>, which gives the
/// <c>photo{owner_id}_{id}[_{access_key}]</c> attachment of messages.send. An image that cannot be fetched gives null
/// (the sender then sends its link); VK refusing the upload throws, for the sender's classifier.
/// </summary>
public sealed partial class VkPhotoUploader(IHttpClientFactory httpClients, VkApiClient api, ILogger<VkPhotoUploader> logger)
{
    /// <summary>Name of the HTTP client that fetches the image (under the outbound URL policy).</summary>
    public const string FetchClientName = "vk-photo-fetch";

    /// <summary>Largest photo VK takes in a message upload (dev.vk.com/api/upload/photo-in-message: 50 MB).</summary>
    public const long MaxPhotoBytes = 50L * 1024 * 1024;

    /// <summary>The attachment for the image at <paramref name="imageUrl"/> sent to <paramref name="peerId"/>, or null when the image cannot be fetched.</summary>
    public async Task<string?> UploadAsync(string token, string peerId, string imageUrl, CancellationToken cancellationToken)
    {
        var image = await FetchAsync(imageUrl, cancellationToken);
        return image is null ? null : await UploadAsync(token, peerId, image.Value.Bytes, image.Value.ContentType, cancellationToken);
    }

    /// <summary>The attachment for the image <paramref name="bytes"/> (of <paramref name="contentType"/>, e.g. an operator's stored upload) sent to <paramref name="peerId"/>.</summary>
    public async Task<string> UploadAsync(string token, string peerId, byte[] bytes, string contentType, CancellationToken cancellationToken)
    {
        var server = await api.CallAsync<VkUploadServer>("photos.getMessagesUploadServer", token, [new("peer_id", peerId)], cancellationToken);
        if (!Uri.TryCreate(server.UploadUrl, UriKind.Absolute, out var uploadUrl))
        {
            throw new HttpRequestException("photos.getMessagesUploadServer gave no upload_url.");
        }

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "photo", contentType switch { "image/png" => "photo.png", "image/gif" => "photo.gif", _ => "photo.jpg" });
        using var posted = await httpClients.CreateClient(VkApiClient.HttpClientName).PostAsync(uploadUrl, form, cancellationToken);
        posted.EnsureSuccessStatusCode();
        var uploaded = await posted.Content.ReadFromJsonAsync<VkPhotoUploaded>(cancellationToken);
        if (uploaded is not { Photo: { Length: > 0 } photo, Hash: { Length: > 0 } hash } || photo == "[]")
        {
            throw new HttpRequestException("VK's upload server kept no photo.");
        }

        var saved = await api.CallAsync<IReadOnlyList<VkSavedPhoto>>("photos.saveMessagesPhoto", token,
            [new("photo", photo), new("server", uploaded.Server.ToString(CultureInfo.InvariantCulture)), new("hash", hash)], cancellationToken);
        var first = saved.Count > 0 ? saved[0] : throw new HttpRequestException("photos.saveMessagesPhoto saved no photo.");
        return string.Create(CultureInfo.InvariantCulture, $"photo{first.OwnerId}_{first.Id}")
            + (string.IsNullOrEmpty(first.AccessKey) ? "" : "_" + first.AccessKey);
    }

    private async Task<(byte[] Bytes, string ContentType)?> FetchAsync(string imageUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await httpClients.CreateClient(FetchClientName).GetAsync(new Uri(imageUrl), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            if (response.Content.Headers.ContentLength > MaxPhotoBytes)
            {
                LogImageUnavailable(logger, "larger than VK's 50 MB");
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > MaxPhotoBytes)
                {
                    LogImageUnavailable(logger, "larger than VK's 50 MB");
                    return null;
                }

                copy.Write(buffer, 0, read);
            }

            var type = response.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
                ? mediaType.ToLowerInvariant()
                : "image/jpeg";
            return (copy.ToArray(), type);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A refused address, a 404, a timeout: the customer gets the link instead of the photo.
            LogImageUnavailable(logger, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The image of an outbound VK message could not be fetched ({Reason}); its link is sent instead")]
    private static partial void LogImageUnavailable(ILogger logger, string reason);
}
