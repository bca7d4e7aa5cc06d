using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Conversations.Channels.Vk.Api;

namespace Conversations.Channels.Vk;

/// <summary>
/// Puts a file into a VK message as a document, the way VK requires (dev.vk.com/api/upload/document-in-message):
/// <c>docs.getMessagesUploadServer</c> (<c>type=doc</c>, the chat's <c>peer_id</c>) gives an upload URL, the file is
/// posted there as the multipart field <c>file</c>, and the answer's <c>file</c> is saved with <c>docs.save</c>, which
/// gives the <c>doc{owner_id}_{id}[_{access_key}]</c> attachment of messages.send. VK takes documents of any format
/// but mp3 and executables, up to <see cref="MaxDocBytes"/>; <see cref="Refusal"/> says beforehand when a file is not
/// one it takes. VK refusing the upload throws, for the sender's classifier.
/// </summary>
public sealed class VkDocUploader(IHttpClientFactory httpClients, VkApiClient api)
{
    /// <summary>Largest document VK takes (dev.vk.com, document upload: up to 200 MB).</summary>
    public const long MaxDocBytes = 200L * 1024 * 1024;

    /// <summary>
    /// Extensions VK does not take as documents ("any format except mp3 and executable files"): mp3, and the
    /// executables of Windows (exe and its kin: msi, bat, cmd, com, scr), which is how we read "executable".
    /// </summary>
    public static readonly IReadOnlySet<string> ForbiddenExtensions =
        new HashSet<string>(["mp3", "exe", "msi", "bat", "cmd", "com", "scr"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Why VK would refuse the document <paramref name="fileName"/> of <paramref name="size"/> bytes, or null when it takes it.</summary>
    public static string? Refusal(string fileName, long size)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.');
        if (ForbiddenExtensions.Contains(extension))
        {
            return $"VK does not take .{extension.ToLowerInvariant()} files as documents (any format but mp3 and executables).";
        }

        return size > MaxDocBytes ? "The file is larger than the 200 MB VK takes as a document." : null;
    }

    /// <summary>The attachment for the document <paramref name="bytes"/> named <paramref name="fileName"/>, sent to <paramref name="peerId"/>.</summary>
    public async Task<string> UploadAsync(string token, string peerId, byte[] bytes, string fileName, CancellationToken cancellationToken)
    {
        var server = await api.CallAsync<VkUploadServer>("docs.getMessagesUploadServer", token,
            [new("type", "doc"), new("peer_id", peerId)], cancellationToken);
        if (!Uri.TryCreate(server.UploadUrl, UriKind.Absolute, out var uploadUrl))
        {
            throw new HttpRequestException("docs.getMessagesUploadServer gave no upload_url.");
        }

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var posted = await httpClients.CreateClient(VkApiClient.HttpClientName).PostAsync(uploadUrl, form, cancellationToken);
        posted.EnsureSuccessStatusCode();
        var uploaded = await posted.Content.ReadFromJsonAsync<VkDocUploaded>(cancellationToken);
        if (uploaded is not { File: { Length: > 0 } saved })
        {
            throw new VkUploadRefusedException($"VK's upload server refused the document: {uploaded?.ErrorDescription ?? uploaded?.Error ?? "no file"}");
        }

        var answer = await api.CallAsync<VkSavedDoc>("docs.save", token, [new("file", saved), new("title", fileName)], cancellationToken);
        var doc = answer.Doc ?? throw new HttpRequestException("docs.save saved no document.");
        return string.Create(CultureInfo.InvariantCulture, $"doc{doc.OwnerId}_{doc.Id}")
            + (string.IsNullOrEmpty(doc.AccessKey) ? "" : "_" + doc.AccessKey);
    }
}
