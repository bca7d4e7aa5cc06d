namespace Conversations.Api.Contracts.Messages;

/// <summary>The delivery state of one outbound message.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Attempts">Send attempts made.</param>
/// <param name="LastError">The last failure, if any.</param>
/// <param name="FinishedAt">When it was sent or given up.</param>
/// <param name="NextAttemptAt">When a pending message is (re)tried next.</param>
public sealed record DeliveryInfo(
    Guid MessageId,
    DeliveryStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? NextAttemptAt = null);
