using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>The object of <c>message_allow</c> and <c>message_deny</c> (callback_message_allow/deny): the user.</summary>
public sealed record VkMessagePermission([property: JsonPropertyName("user_id")] long UserId);
