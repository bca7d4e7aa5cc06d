using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Channels;
using Conversations.Api.Contracts.Messages;

namespace Conversations.Api.Contracts.Outbound;

/// <summary>
/// A message the business starts (<c>POST /api/v1/messages</c> with an <c>Idempotency-Key</c> header): to exactly one
/// customer (by <paramref name="CustomerId"/>, <paramref name="ExternalId"/> or a channel <paramref name="Identity"/>),
/// with either a text (optionally with buttons) or, on WhatsApp, an approved template; on the channel the customer
/// used last, or the first of <paramref name="Channels"/> whose rule allows it.
/// </summary>
/// <param name="CustomerId">The customer by our id.</param>
/// <param name="ExternalId">The customer by the business's own id (pushed with <c>PUT /api/v1/customers/by-external-id/{externalId}</c>).</param>
/// <param name="Identity">The customer by their account on a channel.</param>
/// <param name="Text">The text (1 to 4096 characters).</param>
/// <param name="Buttons">Buttons under the text: a payload comes back to the bot when pressed, or a link opens.</param>
/// <param name="Template">A WhatsApp template of the tenant's library: the only message WhatsApp takes outside its 24-hour window.</param>
/// <param name="Channels">Channels to try in this order (the first whose rule allows the message carries it); none: the customer's last channel.</param>
/// <param name="MessageTag">Messenger only, outside its 24-hour window: CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE or ACCOUNT_UPDATE, when the message is one.</param>
/// <param name="Topic">
/// One of the tenant's subscription topic keys: refused with 422 <c>topic.unsubscribed</c> for a customer who opted out
/// of it; a marketing topic's message carries an unsubscribe button (or a line with the keyword).
/// </param>
/// <param name="SendAt">
/// Send later, at this time (ISO 8601, up to a year ahead): with an offset (<c>2026-12-08T09:00:00+03:00</c>, <c>…Z</c>)
/// it is that instant; without one (<c>2026-12-08T09:00</c>) it is in the tenant's time zone (its working hours'). The
/// answer is then 202 with the scheduled message; channel rules and opt-outs are judged when it is sent.
/// </param>
/// <param name="WithinWorkingHours">With <paramref name="SendAt"/>: a time outside the tenant's working hours moves to the next opening.</param>
public sealed record SendBusinessMessageRequest(
    Guid? CustomerId = null,
    [property: MaxLength(FieldLimits.ExternalId)] string? ExternalId = null,
    BusinessMessageIdentity? Identity = null,
    [property: MaxLength(FieldLimits.MessageText)] string? Text = null,
    [property: MaxLength(FieldLimits.ButtonsPerMessage)] IReadOnlyList<Button>? Buttons = null,
    SendTemplate? Template = null,
    [property: MaxLength(FieldLimits.ChannelPreferences)] IReadOnlyList<ChannelKind>? Channels = null,
    [property: MaxLength(FieldLimits.ShortText)] string? MessageTag = null,
    [property: MaxLength(FieldLimits.SubscriptionTopicKey)] string? Topic = null,
    [property: MaxLength(FieldLimits.DateTimeText)] string? SendAt = null,
    bool? WithinWorkingHours = null);
