using Conversations.Persistence.Customers;
using Conversations.Persistence.InMemory;

namespace Conversations.Persistence.Tests;

public sealed class InMemoryCustomerImportStoreTests : CustomerImportStoreContract
{
    protected override ICustomerImportStore Imports { get; } = new InMemoryCustomerImportStore();
}
