namespace Conversations.Api.Contracts.EventsOut;

/// <summary>One attempt to deliver an event.</summary>
/// <param name="Number">1 for the first.</param>
/// <param name="At">When it started.</param>
/// <param name="StatusCode">The endpoint's HTTP status; null when it did not answer.</param>
/// <param name="LatencyMs">How long the call took, in milliseconds.</param>
/// <param name="Error">Why it failed; null when it succeeded.</param>
public sealed record WebhookAttemptInfo(int Number, DateTimeOffset At, int? StatusCode, int LatencyMs, string? Error);
