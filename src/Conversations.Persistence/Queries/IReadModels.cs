namespace Conversations.Persistence.Queries;

/// <summary>What the operator API reads across conversations: the inbox, full-text search, the customer directory.</summary>
public interface IReadModels
{
    /// <summary>A page of the inbox in inbox order.</summary>
    Task<IReadOnlyList<Conversations.ConversationRecord>> QueryInboxAsync(InboxQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's conversations (closed ones included) whose last activity is at or after <paramref name="since"/>, in
    /// order of that activity, then id; a page starts after <paramref name="after"/> when given. Read through an index
    /// on the minute of the activity (operators' feeds catch up with it), not by paging the inbox.
    /// </summary>
    Task<IReadOnlyList<Conversations.ConversationRecord>> ChangedSinceAsync(Guid tenantId, DateTimeOffset since, ChangedCursor? after, int limit,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Messages of the tenant (of one customer when given) whose text matches <paramref name="text"/> in any word form,
    /// most relevant first.
    /// </summary>
    Task<IReadOnlyList<MessageSearchHit>> SearchMessagesAsync(Guid tenantId, string text, Guid? customerId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces a customer in the directory.</summary>
    Task UpsertCustomerAsync(CustomerRecord customer, CancellationToken cancellationToken = default);

    /// <summary>Takes a customer out of the directory (merged into another: searches find the survivor only).</summary>
    Task RemoveCustomerAsync(Guid tenantId, Guid customerId, CancellationToken cancellationToken = default);

    /// <summary>Customers of <paramref name="tenantId"/> with any of <paramref name="phones"/> or <paramref name="emails"/> (exact, e-mails without regard to case), newest first.</summary>
    Task<IReadOnlyList<CustomerRecord>> FindCustomersByContactsAsync(Guid tenantId, IReadOnlyList<string> phones, IReadOnlyList<string> emails, int limit, CancellationToken cancellationToken = default);

    /// <summary>Customers whose name or username contains, or phone or e-mail matches, <paramref name="text"/>, or whose external id is <paramref name="text"/>.</summary>
    Task<IReadOnlyList<CustomerRecord>> SearchCustomersAsync(Guid tenantId, string text, int limit, CancellationToken cancellationToken = default);

    /// <summary>The labels on the tenant's open conversations with how many carry each, most used first.</summary>
    Task<IReadOnlyList<LabelUsage>> ListLabelsAsync(Guid tenantId, int limit, CancellationToken cancellationToken = default);

    /// <summary>A customer's conversations, newest first.</summary>
    Task<IReadOnlyList<Conversations.ConversationRecord>> ListCustomerConversationsAsync(Guid tenantId, Guid customerId, int limit, CancellationToken cancellationToken = default);
}
