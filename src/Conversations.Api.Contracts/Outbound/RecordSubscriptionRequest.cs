using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Outbound;

/// <summary>A consent or opt-out the business collected itself (its shop's checkbox, a call), recorded with its source.</summary>
/// <param name="Topic">One of the tenant's topic keys, or <c>*</c> for every marketing topic.</param>
/// <param name="Subscribed">True: a consent; false: an opt-out.</param>
/// <param name="Source">Where it was collected (1–64 printable characters, e.g. <c>checkout</c>); recorded as <c>api:{source}</c>. Absent: <c>api</c>.</param>
public sealed record RecordSubscriptionRequest(
    [property: MaxLength(FieldLimits.SubscriptionTopicKey)] string? Topic,
    bool? Subscribed,
    [property: MaxLength(FieldLimits.ShortText)] string? Source = null);
