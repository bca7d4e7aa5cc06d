using System.Text.Json;

namespace Conversations.Api.Contracts.Customers;

/// <summary>One change made to a customer by hand.</summary>
/// <param name="At">When.</param>
/// <param name="ActorId">The operator or agent key who made it; null for a tenant-wide API key.</param>
/// <param name="ActorName">Their name at the time.</param>
/// <param name="Action"><c>merged</c> (another customer was merged into this one), <c>absorbed</c> (this one was merged into another), <c>unmerged</c> (identities were split out of this one) or <c>split-out</c> (this one was made of them).</param>
/// <param name="Details">What moved: the other customer's id, the identities, the conversations and (for <c>merged</c>) the conflicts.</param>
public sealed record CustomerAuditEntry(DateTimeOffset At, Guid? ActorId, string ActorName, string Action, JsonElement Details);
