using Conversations.Api.Contracts.Conversations;

namespace Conversations.Api.Contracts.Customers;

/// <summary>A customer with every conversation they had, on any channel, newest first.</summary>
public sealed record CustomerDetail(CustomerProfile Profile, IReadOnlyList<InboxItem> Conversations);
