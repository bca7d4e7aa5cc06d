using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Conversations;

/// <summary>
/// A change of a stored message's content: a customer's edit (the old content is kept as a revision and the message
/// shows as edited) or, with <paramref name="IsRevision"/> false, our own completion of it (a fetched file linked).
/// </summary>
/// <param name="Seq">The message.</param>
/// <param name="NewContent">The content that replaces the old.</param>
/// <param name="EditedAt">When.</param>
/// <param name="IsRevision">A customer's edit (a revision kept, the message marked edited); false for our own completion.</param>
public sealed record MessageEdit(long Seq, MessageContent NewContent, DateTimeOffset EditedAt, bool IsRevision = true);
