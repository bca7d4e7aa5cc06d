namespace Conversations.Api.Contracts.EventsOut;

/// <summary>How a webhook test went ("send test"): the endpoint's answer and latency, or what failed.</summary>
/// <param name="Delivered">True when the endpoint answered 2xx.</param>
/// <param name="StatusCode">The endpoint's HTTP status code; null when it gave none (not reached, timed out).</param>
/// <param name="LatencyMs">Milliseconds from sending until the answer (or the failure).</param>
/// <param name="Problem">What failed, as a code: <c>status</c> (not 2xx), <c>refused</c> (an address tenants may not reach),
/// <c>host_not_found</c>, <c>unreachable</c>, <c>tls</c>, <c>timeout</c>; null when delivered.</param>
/// <param name="Error">What failed, in plain English; null when delivered.</param>
public sealed record WebhookTestResult(bool Delivered, int? StatusCode, int LatencyMs, string? Problem, string? Error);
