using System.Text.Json.Serialization;

namespace Conversations.Channels.Viber.Api;

/// <summary>
/// The answer of a REST bot API call (developers.viber.com/docs/api/rest-bot-api): <c>status</c>,
/// <c>status_message</c>, and the fields of the calls we make: send_message's <c>message_token</c>,
/// get_account_info's <c>id</c> and <c>name</c>, set_webhook's <c>event_types</c>.
/// </summary>
public sealed record ViberResponse(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("status_message")] string? StatusMessage,
    [property: JsonPropertyName("message_token")] long? MessageToken = null,
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("uri")] string? Uri = null,
    [property: JsonPropertyName("webhook")] string? Webhook = null,
    [property: JsonPropertyName("event_types")] IReadOnlyList<string>? EventTypes = null);
