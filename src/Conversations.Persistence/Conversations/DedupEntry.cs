namespace Conversations.Persistence.Conversations;

/// <summary>Where an inbound message with a given dedup key was stored.</summary>
public sealed record DedupEntry(string DedupKey, Guid ConversationId, long Seq, Guid MessageId);
