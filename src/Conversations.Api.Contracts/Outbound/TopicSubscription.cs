namespace Conversations.Api.Contracts.Outbound;

/// <summary>Whether a customer may be written to about one of the tenant's topics now.</summary>
/// <param name="Topic">The topic's key.</param>
/// <param name="Marketing">True for a marketing topic.</param>
/// <param name="OptedOut">True when the latest record about it (or, for marketing, about all marketing) is an opt-out.</param>
public sealed record TopicSubscription(string Topic, bool Marketing, bool OptedOut);
