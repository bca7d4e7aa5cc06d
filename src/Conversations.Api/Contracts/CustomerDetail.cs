using Conversations.Abstractions.Customers;

namespace Conversations.Api.Contracts;

/// <summary>A customer with every conversation they had, on any channel, newest first.</summary>
public sealed record CustomerDetail(CustomerProfile Profile, IReadOnlyList<InboxItem> Conversations);
