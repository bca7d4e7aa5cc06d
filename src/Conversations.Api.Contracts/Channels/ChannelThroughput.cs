namespace Conversations.Api.Contracts.Channels;

/// <summary>A WhatsApp number's throughput (Graph API <c>GET /{phone-number-id}?fields=throughput</c>, read when it is connected).</summary>
/// <param name="Level">Meta's level: STANDARD, HIGH or NOT_APPLICABLE; null when the number was connected before the level was read.</param>
/// <param name="MessagesPerSecond">What Meta allows at that level (80 STANDARD, 1000 HIGH; received messages count too); null when the level names no rate.</param>
/// <param name="PacedPerSecond">What the outbox paces the number at across the cluster: the admin's own <c>messagesPerSecond</c>, else the level's, else the channel's 80.</param>
public sealed record ChannelThroughput(string? Level, int? MessagesPerSecond, double PacedPerSecond);
