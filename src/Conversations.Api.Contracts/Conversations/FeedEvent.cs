using Conversations.Api.Contracts.Messages;

namespace Conversations.Api.Contracts.Conversations;

/// <summary>
/// One event of the operator's live feed: a conversation's new state and the messages just added. Compare
/// <see cref="InboxItem.LastSeq"/> with the last message you have: a gap means fetch the history after it.
/// </summary>
public sealed record FeedEvent(InboxItem Conversation, IReadOnlyList<ApiMessage> Messages);
