using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>The response of <c>groups.getCallbackConfirmationCode</c> (groups_getCallbackConfirmationCode_response).</summary>
public sealed record VkConfirmationCode([property: JsonPropertyName("code")] string? Code);
