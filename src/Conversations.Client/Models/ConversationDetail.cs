namespace Conversations.Client.Models;

/// <summary>A conversation with its messaging windows and its customer.</summary>
public sealed record ConversationDetail(InboxItem Summary, IReadOnlyList<MessagingWindow> Windows, CustomerProfile? Customer);
