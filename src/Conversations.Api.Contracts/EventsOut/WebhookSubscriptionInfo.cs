namespace Conversations.Api.Contracts.EventsOut;

/// <summary>A webhook subscription as listed: its secret masked.</summary>
/// <param name="Id">The subscription.</param>
/// <param name="Url">Its endpoint.</param>
/// <param name="Events">The event types it hears.</param>
/// <param name="SecretHint">The secret's last four characters, to tell secrets apart (the secret itself is shown once, at creation).</param>
/// <param name="CreatedAt">When; events from then on are delivered.</param>
public sealed record WebhookSubscriptionInfo(Guid Id, string Url, IReadOnlyList<string> Events, string SecretHint, DateTimeOffset CreatedAt);
