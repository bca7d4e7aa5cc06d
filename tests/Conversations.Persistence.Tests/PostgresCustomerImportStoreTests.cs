using Conversations.Persistence.Customers;
using Conversations.Persistence.Postgres;
using Conversations.Testing;

namespace Conversations.Persistence.Tests;

public sealed class PostgresCustomerImportStoreTests(PostgresDatabase database) : CustomerImportStoreContract, IClassFixture<PostgresDatabase>
{
    protected override ICustomerImportStore Imports => new PostgresCustomerImportStore(database.DataSource);
}
