namespace Conversations.Client.Models;

/// <summary>The delivery state of one outbound message.</summary>
public sealed record DeliveryInfo(
    Guid MessageId,
    DeliveryStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? NextAttemptAt);
