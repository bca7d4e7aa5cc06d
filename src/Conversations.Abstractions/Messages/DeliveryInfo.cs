namespace Conversations.Abstractions.Messages;

/// <summary>The delivery state of one outbound message.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Attempts">Send attempts made.</param>
/// <param name="LastError">The last failure, if any.</param>
/// <param name="FinishedAt">When it was sent or given up.</param>
/// <param name="NextAttemptAt">When a pending message is (re)tried next.</param>
[GenerateSerializer, Immutable, Alias("conv.DeliveryInfo")]
public sealed record DeliveryInfo(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] DeliveryStatus Status,
    [property: Id(2)] int Attempts,
    [property: Id(3)] string? LastError,
    [property: Id(4)] DateTimeOffset? FinishedAt,
    [property: Id(5)] DateTimeOffset? NextAttemptAt = null);
