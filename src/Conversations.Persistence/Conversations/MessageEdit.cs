using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Conversations;

/// <summary>A customer's edit of a stored message: the new content replaces the old, which is kept as a revision.</summary>
public sealed record MessageEdit(long Seq, MessageContent NewContent, DateTimeOffset EditedAt);
