using Conversations.Persistence.Conversations;
using Conversations.Persistence.Customers;
using Conversations.Persistence.InMemory;
using Conversations.Persistence.Queries;

namespace Conversations.Persistence.Tests;

public sealed class InMemoryCustomerLedgerTests : CustomerLedgerContract
{
    private readonly InMemoryConversationStore _store = new();

    public InMemoryCustomerLedgerTests()
    {
        Read = new InMemoryReadModels(_store);
        Ledger = new InMemoryCustomerLedger(_store);
    }

    protected override IConversationStore Store => _store;

    protected override IReadModels Read { get; }

    protected override ICustomerLedger Ledger { get; }
}
