using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;

namespace Conversations.Api.Contracts;

/// <summary>A conversation with its customer, for the conversation view.</summary>
public sealed record ConversationDetail(InboxItem Summary, IReadOnlyList<MessagingWindow> Windows, CustomerProfile? Customer);
