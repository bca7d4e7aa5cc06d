namespace Conversations.Persistence.EventsOut;

/// <summary>One attempt to deliver an event.</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="At">When it started.</param>
/// <param name="StatusCode">The endpoint's HTTP status; null when it did not answer.</param>
/// <param name="LatencyMs">How long the call took.</param>
/// <param name="Error">Why it failed; null when it succeeded.</param>
public sealed record WebhookAttempt(int Number, DateTimeOffset At, int? StatusCode, int LatencyMs, string? Error);
