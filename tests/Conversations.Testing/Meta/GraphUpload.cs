using System.Text.Json.Nodes;

namespace Conversations.Testing.Meta;

/// <summary>A file the Graph API stand-in received, as its bytes arrived.</summary>
/// <param name="Account">The WhatsApp phone number id, or the Page/Instagram account id.</param>
/// <param name="Reference">The media id answered (WhatsApp), or the recipient (Send API).</param>
/// <param name="Type">WhatsApp: <c>file</c>; Send API: the attachment type (image, video, audio, file).</param>
/// <param name="FileName">The file part's name.</param>
/// <param name="ContentType">The file part's type.</param>
/// <param name="Bytes">The bytes.</param>
/// <param name="Fields">The other fields of the form.</param>
public sealed record GraphUpload(string Account, string Reference, string Type, string FileName, string ContentType, byte[] Bytes, JsonObject Fields);
