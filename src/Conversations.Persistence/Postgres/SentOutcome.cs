namespace Conversations.Persistence.Postgres;

/// <summary>A sent outcome waiting for its batch (<see cref="PostgresOutboxStore.MarkSentAsync"/>).</summary>
/// <param name="Id">The outbox row.</param>
/// <param name="ChannelMessageId">The channel's id of the sent message, when it gives one.</param>
/// <param name="At">When the channel accepted it (UTC).</param>
internal sealed record SentOutcome(long Id, string? ChannelMessageId, DateTime At)
{
    /// <summary>Completes when the row is written.</summary>
    public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
