namespace Conversations.Grains.Conversations;

/// <summary>Which customer the conversation belongs to, changed by a merge or an unmerge.</summary>
internal sealed partial class ConversationGrain
{
    /// <inheritdoc />
    public async Task MoveToCustomerAsync(Guid customerId)
    {
        // Within the grain's turn, so no commit of this conversation runs between the rewrite of its stored messages
        // and the change of the customer its next messages carry.
        await customerLedger.MoveConversationAsync(_key.TenantId, _key.ConversationId, customerId);
        if (_record is { } record && record.CustomerId != customerId)
        {
            _record = record with { CustomerId = customerId };
        }
    }
}
