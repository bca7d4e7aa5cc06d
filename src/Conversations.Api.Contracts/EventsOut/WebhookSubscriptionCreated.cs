namespace Conversations.Api.Contracts.EventsOut;

/// <summary>A new webhook subscription, with its signing secret: shown this once, keep it.</summary>
/// <param name="Id">The subscription.</param>
/// <param name="Url">Its endpoint.</param>
/// <param name="Events">The event types it hears.</param>
/// <param name="Secret">Verifies <c>X-Conversations-Signature</c>: <c>sha256=HEX(HMAC-SHA256(secret, "{X-Conversations-Timestamp}.{body}"))</c>.</param>
/// <param name="CreatedAt">When.</param>
public sealed record WebhookSubscriptionCreated(Guid Id, string Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt);
