using System.Text.Json.Nodes;
using Conversations.Channels.Media;
using Conversations.Persistence.Media;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Viber;

/// <summary>
/// An operator's stored upload as a Viber send_message body. Viber takes media by URL only, so the body links to our
/// own copy: <c>Channels:Viber:PublicBaseUrl</c> + a signed <c>/api/v1/media/{id}/signed/{name}</c> link good for
/// <see cref="MediaLinkSigner.ChannelLifetime"/> (Viber's servers and the customer's app fetch it after the send), its
/// last path segment a file name with the extension Viber reads the type from. By the send_message reference
/// (creators.viber.com, message data models): a JPEG or PNG up to <see cref="MaxPictureBytes"/> goes as a
/// <c>picture</c> (URL ending .jpeg/.png); an MP4 up to <see cref="MaxVideoBytes"/> as a <c>video</c> with its
/// <c>size</c>; anything else as a <c>file</c> with <c>size</c> and <c>file_name</c> (up to 256 characters, with its
/// extension), up to <see cref="MaxFileBytes"/> and not of a forbidden format. GIFs go as files: Viber shows only
/// static GIFs as pictures.
/// </summary>
public sealed class ViberStoredMedia(IMediaStore media, MediaLinkSigner signer, TimeProvider time, IOptions<ViberOptions> options)
{
    /// <summary>Largest picture: "the maximum image size is 1MB on iOS and 3MB on Android", so 1 MB for every customer.</summary>
    public const long MaxPictureBytes = 1L * 1024 * 1024;

    /// <summary>Largest video ("Max size 26MB(27262976b)").</summary>
    public const long MaxVideoBytes = 27_262_976;

    /// <summary>Largest file ("Max size 50MB(52428800b)").</summary>
    public const long MaxFileBytes = 52_428_800;

    /// <summary>Longest file_name, its extension included.</summary>
    public const int MaxFileNameLength = 256;

    /// <summary>The forbidden file formats of the send_message reference (Windows, Mac OS, Linux, Android, iOS).</summary>
    public static readonly IReadOnlySet<string> ForbiddenExtensions = new HashSet<string>(
    [
        "bat", "bin", "cmd", "com", "cpl", "exe", "gadget", "inf1", "ins", "inx", "isu", "job", "jse", "lnk", "msc", "msi", "msp", "mst",
        "paf", "pif", "ps1", "reg", "rgs", "sct", "shb", "shs", "u3p", "vb", "vbe", "vbs", "vbscript", "ws", "wsf",
        "action", "app", "command", "csh", "osx", "workflow", "ksh", "out", "run", "apk", "ipa",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The send_message body (without <c>receiver</c>, <c>sender</c> and keyboard) for the stored file
    /// <paramref name="mediaId"/> of <paramref name="tenantId"/>, or why it cannot be sent to Viber (a permanent reason).
    /// </summary>
    public async Task<(JsonObject? Body, string? Refusal)> BodyAsync(Guid tenantId, Guid mediaId, CancellationToken cancellationToken)
    {
        if (options.Value.PublicBaseUrl is not { Length: > 0 } publicBase)
        {
            return (null, "Viber takes files by URL only, and this deployment has no Channels:Viber:PublicBaseUrl to link our copy from.");
        }

        if (await media.FindAsync(tenantId, mediaId, cancellationToken) is not { } file)
        {
            return (null, "The file is no longer stored.");
        }

        var body = new JsonObject();
        string linkName;
        if (file.ContentType is "image/jpeg" or "image/png" && file.Size <= MaxPictureBytes)
        {
            linkName = $"{file.MediaId:N}{(file.ContentType == "image/png" ? ".png" : ".jpeg")}";
            body["type"] = "picture";
            body["text"] = "";
        }
        else if (file.ContentType == "video/mp4" && file.Size <= MaxVideoBytes)
        {
            linkName = $"{file.MediaId:N}.mp4";
            body["type"] = "video";
            body["size"] = file.Size;
        }
        else
        {
            var name = FileName(file);
            if (FileRefusal(name, file.Size) is { } refusal)
            {
                return (null, refusal);
            }

            linkName = name;
            body["type"] = "file";
            body["size"] = file.Size;
            body["file_name"] = name;
        }

        var link = await signer.SignAsync(tenantId, mediaId, time.GetUtcNow() + MediaLinkSigner.ChannelLifetime, linkName);
        body["media"] = publicBase.TrimEnd('/') + link;
        return (body, null);
    }

    /// <summary>Why Viber would refuse the file <paramref name="fileName"/> of <paramref name="size"/> bytes, or null.</summary>
    public static string? FileRefusal(string fileName, long size)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.');
        if (extension.Length == 0)
        {
            return "Viber needs a file name with an extension, and this file has none we can tell.";
        }

        if (ForbiddenExtensions.Contains(extension))
        {
            return $"Viber does not take .{extension.ToLowerInvariant()} files (a forbidden file format).";
        }

        return size > MaxFileBytes ? "The file is larger than the 50 MB Viber takes." : null;
    }

    /// <summary>The file's name with its extension, shortened (keeping the extension) to <see cref="MaxFileNameLength"/>.</summary>
    private static string FileName(StoredMedia file)
    {
        var name = StoredFileName.For(file);
        if (name.Length <= MaxFileNameLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        return name[..(MaxFileNameLength - extension.Length)] + extension;
    }
}
