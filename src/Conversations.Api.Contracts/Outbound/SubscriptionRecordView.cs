namespace Conversations.Api.Contracts.Outbound;

/// <summary>One consent or opt-out of a customer, as recorded.</summary>
/// <param name="Topic">The topic's key, or <c>*</c> for every marketing topic (the unsubscribe keyword).</param>
/// <param name="Subscribed">True: a consent; false: an opt-out.</param>
/// <param name="Source">How it was given: <c>button:Telegram</c>, <c>keyword:Vk</c>, <c>api</c> or what the business's system named (<c>api:…</c>).</param>
/// <param name="At">When.</param>
public sealed record SubscriptionRecordView(string Topic, bool Subscribed, string Source, DateTimeOffset At);
