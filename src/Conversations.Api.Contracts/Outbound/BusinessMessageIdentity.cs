using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Outbound;

/// <summary>A customer's account on a channel, as <c>GET /api/v1/customers/{id}</c> lists their identities.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Account">The business's account there (a Telegram bot id, a WhatsApp phone number id, a VK community id).</param>
/// <param name="UserId">The customer's id on that account (a Telegram user id, a wa_id, a VK user id).</param>
public sealed record BusinessMessageIdentity(
    ChannelKind Channel,
    [property: MaxLength(FieldLimits.ExternalId)] string? Account,
    [property: MaxLength(FieldLimits.ExternalId)] string? UserId);
