namespace Conversations.Persistence.Reports;

/// <summary>One rollup row: a tenant's conversations started in one UTC hour on one channel, first taken by one operator, from one entry point.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Hour">The UTC hour (minutes and seconds zero).</param>
/// <param name="Channel">The channel (<see cref="Abstractions.Channels.ChannelKind"/> value, 0: none).</param>
/// <param name="OperatorId">The operator who first took the conversations (<see cref="Guid.Empty"/>: none).</param>
/// <param name="EntryPoint">The start payload ("" for none).</param>
public readonly record struct ReportBucketKey(Guid TenantId, DateTimeOffset Hour, short Channel, Guid OperatorId, string EntryPoint);
