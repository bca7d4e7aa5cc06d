namespace Conversations.Persistence.Conversations;

/// <summary>Where an inbound message with a given dedup key was stored.</summary>
public sealed record DedupEntry(string DedupKey, Guid ConversationId, long Seq, Guid MessageId)
{
    /// <summary>
    /// How many of a conversation's latest dedup keys (its messages' and its bot replies') a conversation keeps in memory,
    /// so a channel's redelivery of a recent message is answered without the database. Older keys are caught by the
    /// store's unique index. Messengers redeliver the latest few webhooks, not a long history, so 32 is plenty; it was
    /// 256, which let the keys alone take about 45 KB of every busy conversation (the soak's heap grew with them).
    /// </summary>
    public const int RecentWindow = 32;
}
