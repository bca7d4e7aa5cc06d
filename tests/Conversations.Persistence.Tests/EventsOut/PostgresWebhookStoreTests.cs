using Conversations.Persistence.Conversations;
using Conversations.Persistence.EventsOut;
using Conversations.Persistence.Postgres;
using Conversations.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Conversations.Persistence.Tests.EventsOut;

public sealed class PostgresWebhookStoreTests(PostgresDatabase database) : WebhookStoreContract, IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private GroupCommitWriter? _writer;
    private PostgresConversationStore? _store;

    protected override IWebhookStore Webhooks => new PostgresWebhookStore(database.DataSource);

    protected override IConversationStore Conversations => _store!;

    public Task InitializeAsync()
    {
        _writer = new GroupCommitWriter(database.DataSource, Options.Create(new BatchWriterOptions { MaxBatchSize = 16, Writers = 1 }),
            NullLogger<GroupCommitWriter>.Instance);
        _writer.Start();
        _store = new PostgresConversationStore(_writer, new ConversationReads(database.DataSource));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _writer!.DisposeAsync();
}
