using Conversations.Persistence.Conversations;
using Conversations.Persistence.Postgres;
using Conversations.Persistence.Reports;
using Conversations.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Conversations.Persistence.Tests.Reports;

public sealed class PostgresReportStoreTests(PostgresDatabase database) : ReportStoreContract, IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly ReportChanges _changes = new();
    private GroupCommitWriter? _writer;
    private PostgresConversationStore? _store;

    protected override IConversationStore Conversations => _store!;

    protected override IReportStore Reports => new PostgresReportStore(database.DataSource);

    protected override ReportChanges Changes => _changes;

    public Task InitializeAsync()
    {
        _writer = new GroupCommitWriter(database.DataSource, Options.Create(new BatchWriterOptions()), NullLogger<GroupCommitWriter>.Instance);
        _writer.Start();
        _store = new PostgresConversationStore(_writer, new ConversationReads(database.DataSource), _changes);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _writer!.DisposeAsync();
}
