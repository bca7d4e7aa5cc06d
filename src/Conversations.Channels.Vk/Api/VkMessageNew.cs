using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>The object of <c>message_new</c> (callback_message_object): the message and what the customer's app supports.</summary>
public sealed record VkMessageNew(
    [property: JsonPropertyName("message")] VkMessage? Message,
    [property: JsonPropertyName("client_info")] VkClientInfo? ClientInfo);
