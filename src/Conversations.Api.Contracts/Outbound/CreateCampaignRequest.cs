using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Channels;
using Conversations.Api.Contracts.Messages;
using Conversations.Api.Contracts.Validation;

namespace Conversations.Api.Contracts.Outbound;

/// <summary>
/// A broadcast (<c>POST /api/v1/campaigns</c>): to every customer of the <paramref name="Audience"/>, on the first of
/// <paramref name="Channels"/> whose rule allows it, with that channel's content from <paramref name="Contents"/>.
/// </summary>
/// <param name="Name">The business's name for it (1 to 100 characters).</param>
/// <param name="Topic">A subscription topic key: customers who opted out are not sent to (counted as opted out); a marketing topic's message carries the way out.</param>
/// <param name="Audience">Who it goes to; none: every customer of the tenant.</param>
/// <param name="Contents">What to send: one without <c>channel</c> for any channel, and one per channel that needs its own (a WhatsApp template).</param>
/// <param name="Channels">Channels to try in this order for each customer (1 to 10).</param>
/// <param name="MessageTag">Messenger only, outside its 24-hour window: CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE or ACCOUNT_UPDATE.</param>
/// <param name="StartAt">When sending starts (ISO 8601, as <c>sendAt</c> of a message: without an offset in the tenant's time zone); none: now.</param>
public sealed record CreateCampaignRequest(
    [property: MaxLength(FieldLimits.Name)] string? Name = null,
    [property: MaxLength(FieldLimits.SubscriptionTopicKey)] string? Topic = null,
    CampaignAudienceRequest? Audience = null,
    [property: MaxLength(FieldLimits.CampaignContents)] IReadOnlyList<CampaignContentRequest>? Contents = null,
    [property: MaxLength(FieldLimits.ChannelPreferences)] IReadOnlyList<ChannelKind>? Channels = null,
    [property: MaxLength(FieldLimits.ShortText)] string? MessageTag = null,
    [property: MaxLength(FieldLimits.DateTimeText)] string? StartAt = null);

/// <summary>Who a campaign goes to: the customers who match every condition given.</summary>
/// <param name="Tags">Customers carrying every one of these tags.</param>
/// <param name="Channels">Customers with an identity on any of these channels.</param>
/// <param name="Attributes">Customers whose attributes have exactly these values.</param>
/// <param name="ActiveSince">Customers with a conversation active at or after this time (ISO 8601).</param>
/// <param name="InactiveSince">Customers with no conversation active at or after this time (ISO 8601).</param>
/// <param name="Consent">Customers who granted consent for this purpose (e.g. <c>marketing</c>).</param>
/// <param name="SubscribedOnly">Only customers who subscribed to the campaign's topic (their latest record about it is a consent).</param>
public sealed record CampaignAudienceRequest(
    [property: MaxLength(FieldLimits.CampaignTags), EachMaxLength(FieldLimits.Label)] IReadOnlyList<string>? Tags = null,
    [property: MaxLength(FieldLimits.ChannelPreferences)] IReadOnlyList<ChannelKind>? Channels = null,
    [property: MaxLength(FieldLimits.CampaignAttributes)] IReadOnlyDictionary<string, string>? Attributes = null,
    [property: MaxLength(FieldLimits.DateTimeText)] string? ActiveSince = null,
    [property: MaxLength(FieldLimits.DateTimeText)] string? InactiveSince = null,
    [property: MaxLength(FieldLimits.ShortText)] string? Consent = null,
    bool? SubscribedOnly = null);

/// <summary>What a campaign sends on one channel (or, without <paramref name="Channel"/>, on any channel without its own).</summary>
/// <param name="Channel">The channel this content is for; none: any.</param>
/// <param name="Text">The text (1 to 4096 characters).</param>
/// <param name="Buttons">Buttons under the text.</param>
/// <param name="Template">A WhatsApp template of the tenant's library (what WhatsApp takes outside its 24-hour window).</param>
public sealed record CampaignContentRequest(
    ChannelKind? Channel = null,
    [property: MaxLength(FieldLimits.MessageText)] string? Text = null,
    [property: MaxLength(FieldLimits.ButtonsPerMessage)] IReadOnlyList<Button>? Buttons = null,
    SendTemplate? Template = null);
