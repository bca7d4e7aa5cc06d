using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Customers;

/// <summary>One of a customer's channel identities, as <c>GET /api/v1/customers/{id}</c> lists them (<c>profile.identities[].key</c>).</summary>
/// <param name="Kind">The channel.</param>
/// <param name="Account">The business's account there (a Telegram bot id, a WhatsApp phone number id).</param>
/// <param name="ExternalUserId">The customer's id on that account.</param>
public sealed record CustomerIdentityRef(
    ChannelKind Kind,
    [property: MaxLength(FieldLimits.ExternalId)] string? Account,
    [property: MaxLength(FieldLimits.ExternalId)] string? ExternalUserId);
