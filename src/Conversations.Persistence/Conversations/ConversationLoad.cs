namespace Conversations.Persistence.Conversations;

/// <summary>What a conversation grain reads on activation: its row and the dedup keys of its latest inbound messages.</summary>
public sealed record ConversationLoad(ConversationRecord Conversation, IReadOnlyList<DedupEntry> RecentDedupKeys);
