using Conversations.Persistence.Conversations;
using Conversations.Persistence.Customers;
using Conversations.Persistence.Postgres;
using Conversations.Persistence.Queries;
using Conversations.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Conversations.Persistence.Tests;

public sealed class PostgresCustomerLedgerTests(PostgresDatabase database) : CustomerLedgerContract, IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private GroupCommitWriter? _writer;
    private PostgresConversationStore? _store;

    protected override IConversationStore Store => _store!;

    protected override IReadModels Read => new PostgresReadModels(database.DataSource);

    protected override ICustomerLedger Ledger => new PostgresCustomerLedger(database.DataSource);

    public Task InitializeAsync()
    {
        _writer = new GroupCommitWriter(database.DataSource, Options.Create(new BatchWriterOptions()), NullLogger<GroupCommitWriter>.Instance);
        _writer.Start();
        _store = new PostgresConversationStore(_writer, new ConversationReads(database.DataSource));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _writer!.DisposeAsync();
}
