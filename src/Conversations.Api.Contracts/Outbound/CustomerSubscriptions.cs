namespace Conversations.Api.Contracts.Outbound;

/// <summary>A customer's subscriptions (<c>GET /api/v1/customers/{id}/subscriptions</c>).</summary>
/// <param name="Topics">Each of the tenant's topics, opted out or not.</param>
/// <param name="Records">Every consent and opt-out recorded, newest first (at most 200).</param>
public sealed record CustomerSubscriptions(IReadOnlyList<TopicSubscription> Topics, IReadOnlyList<SubscriptionRecordView> Records);
