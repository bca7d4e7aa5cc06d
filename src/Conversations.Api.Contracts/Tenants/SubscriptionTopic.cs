using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Tenants;

/// <summary>A subject the business writes to customers about, which a customer can opt out of.</summary>
/// <param name="Key">The key messages name it by and its unsubscribe button carries: 1–32 of a–z, 0–9, '-' and '_' (e.g. <c>offers</c>).</param>
/// <param name="Name">What customers read in the confirmation of an opt-out (1–100 characters), e.g. "Offers and discounts".</param>
/// <param name="Marketing">True for marketing (news, offers): its messages carry a way out, and the unsubscribe keyword opts out of it; false for transactional (order updates).</param>
public sealed record SubscriptionTopic(
    [property: MaxLength(FieldLimits.SubscriptionTopicKey)] string Key,
    [property: MaxLength(FieldLimits.SubscriptionTopicName)] string Name,
    bool Marketing);
