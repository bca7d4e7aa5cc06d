using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>
/// What VK's upload server answers a posted document with: <c>file</c>, the parameter of docs.save, or <c>error</c>
/// (with <c>error_descr</c>) when it refused the file (vk-api-schema docs_doc_upload_response; SDKs read the error form).
/// </summary>
public sealed record VkDocUploaded(
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("error_descr")] string? ErrorDescription = null);
