using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Outbound;

/// <summary>
/// A business event for a customer (<c>POST /api/v1/customers/{id}/events</c>, e.g. <c>order_delivered</c>): the
/// scenario's entry point bound to <paramref name="Name"/> runs on the customer's channel, chosen and judged like a
/// message the business starts.
/// </summary>
/// <param name="Name">The event's name (latin letters, digits, <c>_ - .</c>; 1 to 64), as the scenario's <c>events</c> binds it.</param>
/// <param name="Data">Up to 20 fields the flow's texts read as <c>{event.&lt;field&gt;}</c> (names: latin letters, digits, <c>_</c>, 1 to 64; values up to 1000 characters).</param>
/// <param name="Channels">Channels to try in this order (the first whose rule allows a text carries the flow); none: the customer's last channel.</param>
public sealed record SendCustomerEventRequest(
    [property: Required, MaxLength(FieldLimits.ShortText)] string Name,
    [property: MaxLength(FieldLimits.CustomerEventFields)] IReadOnlyDictionary<string, string>? Data = null,
    [property: MaxLength(FieldLimits.ChannelPreferences)] IReadOnlyList<ChannelKind>? Channels = null);
