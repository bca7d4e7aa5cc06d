using Conversations.Api.Contracts.Customers;

namespace Conversations.Api.Contracts.Conversations;

/// <summary>A conversation with its customer, for the conversation view.</summary>
public sealed record ConversationDetail(InboxItem Summary, IReadOnlyList<MessagingWindow> Windows, CustomerProfile? Customer);
