namespace Conversations.Persistence.Subscriptions;

/// <summary>A customer's consent to, or opt-out from, a subscription topic: when, and how it was given.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Topic">The topic's key, or <c>*</c> for every marketing topic (the unsubscribe keyword).</param>
/// <param name="Subscribed">True: a consent (opt-in); false: an opt-out.</param>
/// <param name="Source">How: <c>button:Telegram</c>, <c>keyword:Vk</c>, <c>api</c>, or what the business's system named.</param>
/// <param name="At">When.</param>
/// <param name="SourceRef">What it came with (the customer's message's dedup key), so a redelivery records it once; null: none.</param>
public sealed record SubscriptionRecord(Guid TenantId, Guid CustomerId, string Topic, bool Subscribed, string Source, DateTimeOffset At, string? SourceRef = null);
